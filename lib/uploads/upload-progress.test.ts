import { describe, expect, it } from 'vitest';
import { describeProgress, describeSecondsLeft } from './format-progress';
import { createProgressTracker } from './upload-progress';

describe('upload progress', () => {
  it('measures speed over recent seconds and estimates the time left', () => {
    let now = 0;
    const tracker = createProgressTracker(100_000_000, () => now);
    expect(tracker.update(0)).toMatchObject({ percent: 0, bytesPerSecond: null, secondsLeft: null });
    now = 1000;
    expect(tracker.update(10_000_000)).toMatchObject({
      percent: 10,
      bytesPerSecond: 10_000_000,
      secondsLeft: 9,
    });
    now = 2000;
    const update = tracker.update(20_000_000);
    expect(update.bytesPerSecond).toBe(10_000_000);
    expect(describeProgress(update)).toEqual({
      bytes: '20 MB of 100 MB',
      percent: '20 %',
      speed: '10 MB/s',
      timeLeft: 'about 8 s left',
    });
  });

  it('shows a stall quickly: old samples leave the window', () => {
    let now = 0;
    const tracker = createProgressTracker(100_000_000, () => now);
    for (let second = 0; second <= 10; second++) {
      now = second * 1000;
      tracker.update(second * 5_000_000);
    }
    // No progress for 6 s: the speed over the window drops to zero, no promise of a finish.
    for (let second = 11; second <= 16; second++) {
      now = second * 1000;
      tracker.update(50_000_000);
    }
    expect(tracker.update(50_000_000)).toMatchObject({ bytesPerSecond: 0, secondsLeft: null });
  });

  it('counts resumed bytes as loaded but not as speed', () => {
    let now = 0;
    const tracker = createProgressTracker(10_000, () => now);
    tracker.update(8_000);
    now = 1000;
    expect(tracker.update(9_000)).toMatchObject({
      loadedBytes: 9_000,
      percent: 90,
      bytesPerSecond: 1000,
      secondsLeft: 1,
    });
    expect(tracker.update(10_000)).toMatchObject({ percent: 100, secondsLeft: 0 });
  });

  it('words long waits in minutes and hours', () => {
    expect([describeSecondsLeft(42), describeSecondsLeft(600), describeSecondsLeft(7300)]).toEqual([
      'about 42 s left',
      'about 10 min left',
      'about 2 h 2 min left',
    ]);
  });
});
