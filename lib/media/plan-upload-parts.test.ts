import { describe, expect, it } from 'vitest';
import { partLength, planUploadParts } from './plan-upload-parts';

const MiB = 1024 * 1024;

describe('planUploadParts', () => {
  it.each([
    [1, 8 * MiB, 1],
    [8 * MiB, 8 * MiB, 1],
    [8 * MiB + 1, 8 * MiB, 2],
    [4_000_000_000, 8 * MiB, 477],
    [200 * 1024 * MiB, 21 * MiB, 9753],
  ])('%i bytes → parts of %i, %i of them', (size, partSize, partCount) => {
    expect(planUploadParts(size)).toEqual({ partSize, partCount });
  });

  it('gives every part its exact length, the last one the remainder', () => {
    const size = 20 * MiB + 5;
    const plan = planUploadParts(size);
    const lengths = Array.from({ length: plan.partCount }, (_, index) => partLength(plan, size, index + 1));
    expect(lengths).toEqual([8 * MiB, 8 * MiB, 4 * MiB + 5]);
    expect(lengths.reduce((sum, length) => sum + length, 0)).toBe(size);
  });

  it('refuses a file that would need parts over the maximum part size', () => {
    expect(() => planUploadParts(10_000 * 65 * MiB)).toThrow(RangeError);
  });
});
