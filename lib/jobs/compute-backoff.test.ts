import { describe, expect, it } from 'vitest';
import { computeBackoff } from './compute-backoff';

const options = { baseMs: 1000, maxMs: 60_000 };

describe('computeBackoff', () => {
  it('doubles per attempt between half and all of the nominal delay', () => {
    expect(computeBackoff(1, options, () => 0)).toBe(500);
    expect(computeBackoff(1, options, () => 1)).toBe(1000);
    expect(computeBackoff(2, options, () => 0)).toBe(1000);
    expect(computeBackoff(4, options, () => 1)).toBe(8000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(computeBackoff(40, options, () => 1)).toBe(60_000);
    expect(computeBackoff(40, options, () => 0)).toBe(30_000);
  });

  it('spreads jobs that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => computeBackoff(3, options)));
    expect(delays.size).toBeGreaterThan(40);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(2000);
  });
});
