import { describe, expect, it } from 'vitest';
import { nextStatusCheckInMs } from './status-schedule';

const MIN = 60_000;
describe('nextStatusCheckInMs', () => {
  it.each([
    [0, 10_000],
    [29 * MIN, 10_000],
    [30 * MIN, 10 * MIN],
    [23 * 60 * MIN, 10 * MIN],
    [24 * 60 * MIN - 1000, 1000],
    [24 * 60 * MIN, null],
    [3 * 24 * 60 * MIN, null],
  ])('after %s ms → %s', (elapsed, next) => {
    expect(nextStatusCheckInMs(elapsed)).toBe(next);
  });
});
