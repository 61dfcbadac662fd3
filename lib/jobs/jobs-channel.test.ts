import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db/types';
import { WAKE_INTERVAL_MS, wakeJobRunners } from './jobs-channel';

function countingDb() {
  const db = { execute: vi.fn(() => Promise.resolve([])) };
  return db as unknown as Db & { execute: ReturnType<typeof vi.fn> };
}

describe('wakeJobRunners', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wakes at once, then folds a burst into one trailing wake-up', async () => {
    const db = countingDb();
    wakeJobRunners(db);
    expect(db.execute).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i += 1) wakeJobRunners(db);
    expect(db.execute).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(WAKE_INTERVAL_MS);
    expect(db.execute).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(WAKE_INTERVAL_MS * 10);
    expect(db.execute).toHaveBeenCalledTimes(2);
  });

  it('wakes at once again after a quiet interval, and separately per database', async () => {
    const first = countingDb();
    const second = countingDb();
    wakeJobRunners(first);
    wakeJobRunners(second);
    await vi.advanceTimersByTimeAsync(WAKE_INTERVAL_MS + 1);
    wakeJobRunners(first);
    expect(first.execute).toHaveBeenCalledTimes(2);
    expect(second.execute).toHaveBeenCalledTimes(1);
  });

  it('keeps going when a wake-up fails', async () => {
    const db = countingDb();
    db.execute.mockImplementationOnce(() => Promise.reject(new Error('connection lost')));
    wakeJobRunners(db);
    await vi.advanceTimersByTimeAsync(WAKE_INTERVAL_MS + 1);
    wakeJobRunners(db);
    expect(db.execute).toHaveBeenCalledTimes(2);
  });
});
