import { describe, expect, it } from 'vitest';
import {
  chunkIndexAt,
  chunkRanges,
  MAX_CHUNK_BYTES,
  MAX_CHUNKS,
  MAX_LAST_CHUNK_BYTES,
  MIN_CHUNK_BYTES,
  planChunks,
} from './plan-chunks';

const MB = 1_000_000;
const GIB = 1024 ** 3;

describe('planChunks', () => {
  it.each([
    // [video bytes, preferred chunk, chunk_size, total_chunk_count, last chunk bytes]
    ['the documented example', 50_000_123, 10 * MB, 10 * MB, 5, 10_000_123],
    ['1 byte', 1, undefined, 1, 1, 1],
    ['under 5 MB, small chunks asked', 4_999_999, 1 * MB, 4_999_999, 1, 4_999_999],
    ['under 10 MB cannot make two 5 MB chunks', 9_999_999, 5 * MB, 9_999_999, 1, 9_999_999],
    ['exactly 64,000,000: one chunk', 64_000_000, undefined, 64_000_000, 1, 64_000_000],
    ['64,000,001: two chunks, never one over 64 MB', 64_000_001, undefined, 32_000_000, 2, 32_000_001],
    [
      '100 MB with 64 MB chunks: one plus a 36 MB remainder in the last',
      100 * MB,
      undefined,
      50 * MB,
      2,
      50 * MB,
    ],
    ['200 MB', 200 * MB, undefined, 64 * MB, 3, 72 * MB],
    ['2 GiB', 2 * GIB, undefined, 64 * MB, 33, 2 * GIB - 32 * 64 * MB],
    ['4 GB with tiny chunks asked: 5 MB floor', 4_000 * MB, 1, 5 * MB, 800, 5 * MB],
    ['preferred above the cap is clamped', 300 * MB, 500 * MB, 64 * MB, 4, 108 * MB],
  ])('%s', (_name, size, preferred, chunkSize, count, last) => {
    const plan = planChunks(size, preferred);
    expect(plan).toEqual({ videoSize: size, chunkSize, totalChunkCount: count });
    const ranges = chunkRanges(plan);
    expect(ranges).toHaveLength(count);
    expect(ranges.at(-1)?.size).toBe(last);
    // Contiguous, in order, covering every byte exactly once.
    expect(ranges[0]?.firstByte).toBe(0);
    expect(ranges.at(-1)?.lastByte).toBe(size - 1);
    for (let i = 1; i < ranges.length; i++)
      expect(ranges[i]?.firstByte).toBe((ranges[i - 1]?.lastByte ?? 0) + 1);
  });

  it('always satisfies TikTok’s rules for multi-chunk plans', () => {
    for (const size of [64_000_001, 99_999_999, 128 * MB, 999 * MB, 2 * GIB + 12345, 4_000 * MB]) {
      for (const preferred of [1, 5 * MB, 10 * MB, 64 * MB, 10 ** 9]) {
        const plan = planChunks(size, preferred);
        expect(plan.totalChunkCount).toBeGreaterThanOrEqual(2);
        expect(plan.totalChunkCount).toBeLessThanOrEqual(MAX_CHUNKS);
        expect(plan.chunkSize).toBeGreaterThanOrEqual(MIN_CHUNK_BYTES);
        expect(plan.chunkSize).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
        expect(plan.totalChunkCount).toBe(Math.floor(size / plan.chunkSize));
        expect(chunkRanges(plan).at(-1)?.size).toBeLessThanOrEqual(MAX_LAST_CHUNK_BYTES);
      }
    }
  });

  it.each([0, -1, 1.5, 4_000_000_001, Number.NaN])('refuses %s bytes', (size) => {
    expect(() => planChunks(size)).toThrow(RangeError);
  });
});

describe('chunkIndexAt', () => {
  const plan = planChunks(50_000_123, 10 * MB);
  it.each([
    [0, 0],
    [10 * MB, 1],
    [40 * MB, 4],
    [45 * MB, 4],
    [50_000_123, null],
  ])('%s bytes received → chunk %s next', (received, index) => {
    expect(chunkIndexAt(plan, received)).toBe(index);
  });
});
