/**
 * TikTok's FILE_UPLOAD chunk arithmetic (Media Transfer Guide). Client-safe and pure.
 *
 * - A video of at most 64,000,000 bytes goes up in one chunk whose `chunk_size` equals its size.
 * - Anything larger is cut into chunks of 5–64 MB; `total_chunk_count = floor(size / chunk_size)`
 *   and the last chunk takes the remainder, so it may reach just under 2 × chunk_size (≤ 128 MB).
 * - 1 to 1000 chunks, sent in order.
 *
 * "MB" is undefined in the docs; decimal megabytes are the stricter reading (a 64 MiB chunk would
 * break a decimal limit, a 64 MB one breaks neither).
 */
export const SINGLE_CHUNK_MAX_BYTES = 64_000_000;
export const MIN_CHUNK_BYTES = 5_000_000;
export const MAX_CHUNK_BYTES = 64_000_000;
export const MAX_LAST_CHUNK_BYTES = 128_000_000;
export const MAX_CHUNKS = 1000;
/** TikTok's own ceiling for a video (4 GB). */
export const MAX_VIDEO_BYTES = 4_000_000_000;
/** Large chunks mean fewer round trips; memory stays flat either way because chunks are streamed. */
export const DEFAULT_CHUNK_BYTES = 64_000_000;

export type ChunkRange = { index: number; firstByte: number; lastByte: number; size: number };

export type ChunkPlan = {
  videoSize: number;
  /** What init sends as `chunk_size`. */
  chunkSize: number;
  /** What init sends as `total_chunk_count`. */
  totalChunkCount: number;
};

/** The plan for a video of `videoSize` bytes; `preferredChunkBytes` is clamped to TikTok's bounds. */
export function planChunks(videoSize: number, preferredChunkBytes = DEFAULT_CHUNK_BYTES): ChunkPlan {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0) {
    throw new RangeError(`A video has a positive whole number of bytes, not ${videoSize}`);
  }
  if (videoSize > MAX_VIDEO_BYTES) {
    throw new RangeError(`A video is at most ${MAX_VIDEO_BYTES} bytes, not ${videoSize}`);
  }
  const preferred = Math.floor(preferredChunkBytes);
  // Only a caller asking for smaller chunks (the documented example) cuts a small file.
  if (videoSize <= SINGLE_CHUNK_MAX_BYTES && (preferred >= videoSize || videoSize < 2 * MIN_CHUNK_BYTES)) {
    return { videoSize, chunkSize: videoSize, totalChunkCount: 1 };
  }
  // At least two chunks above the single-chunk limit: a "last chunk" of 64,000,001 bytes alone
  // would be an unchunked upload over 64 MB, which TikTok refuses.
  let chunkSize = Math.min(Math.max(preferred, MIN_CHUNK_BYTES), MAX_CHUNK_BYTES, Math.floor(videoSize / 2));
  if (Math.floor(videoSize / chunkSize) > MAX_CHUNKS) chunkSize = Math.ceil(videoSize / MAX_CHUNKS);
  return { videoSize, chunkSize, totalChunkCount: Math.floor(videoSize / chunkSize) };
}

/** The byte range of chunk `index` (0-based): every chunk is `chunkSize`, the last takes the rest. */
export function chunkRange(plan: ChunkPlan, index: number): ChunkRange {
  if (!Number.isInteger(index) || index < 0 || index >= plan.totalChunkCount) {
    throw new RangeError(`Chunk ${index} is not among the plan's ${plan.totalChunkCount}`);
  }
  const firstByte = index * plan.chunkSize;
  const lastByte = index === plan.totalChunkCount - 1 ? plan.videoSize - 1 : firstByte + plan.chunkSize - 1;
  return { index, firstByte, lastByte, size: lastByte - firstByte + 1 };
}

/** Every chunk in upload order. */
export function chunkRanges(plan: ChunkPlan): ChunkRange[] {
  return Array.from({ length: plan.totalChunkCount }, (_, index) => chunkRange(plan, index));
}

/**
 * The chunk that starts at `receivedBytes`, i.e. where a resumed upload carries on: TikTok reports
 * progress as whole chunks received. Null when every byte is in; a position inside a chunk (which
 * TikTok never reports) resumes at the start of that chunk.
 */
export function chunkIndexAt(plan: ChunkPlan, receivedBytes: number): number | null {
  if (receivedBytes >= plan.videoSize) return null;
  return Math.min(Math.floor(Math.max(0, receivedBytes) / plan.chunkSize), plan.totalChunkCount - 1);
}
