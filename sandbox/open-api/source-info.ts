import type { SandboxContext } from '../core/context';
import { ApiError } from './envelope';
import { MAX_VIDEO_BYTES } from './media-check';

export type VideoSource =
  | { source: 'FILE_UPLOAD'; videoSize: number; chunkSize: number; totalChunkCount: number }
  | { source: 'PULL_FROM_URL'; url: string };

// "MB" is undefined in the docs: examples use decimal chunks, some clients MiB, so accept both ends.
const MIN_CHUNK = 5_000_000;
const MAX_CHUNK = 64 * 1024 * 1024;
const MAX_CHUNKS = 1000;

/** Validates `source_info` of the video init endpoints. */
export function parseVideoSource(ctx: SandboxContext, appId: string, raw: unknown): VideoSource {
  const info = (raw ?? {}) as Record<string, unknown>;
  if (info.source === 'PULL_FROM_URL') {
    if (typeof info.video_url !== 'string') throw new ApiError('invalid_params', 'video_url is required.');
    assertVerifiedUrl(ctx, appId, info.video_url);
    return { source: 'PULL_FROM_URL', url: info.video_url };
  }
  if (info.source !== 'FILE_UPLOAD') {
    throw new ApiError('invalid_params', 'source must be FILE_UPLOAD or PULL_FROM_URL.');
  }
  const videoSize = info.video_size;
  const chunkSize = info.chunk_size;
  const totalChunkCount = info.total_chunk_count;
  if (![videoSize, chunkSize, totalChunkCount].every((n) => Number.isSafeInteger(n) && (n as number) > 0)) {
    throw new ApiError(
      'invalid_params',
      'video_size, chunk_size and total_chunk_count must be positive integers.',
    );
  }
  const plan = {
    videoSize: videoSize as number,
    chunkSize: chunkSize as number,
    totalChunkCount: totalChunkCount as number,
  };
  const problem = chunkPlanProblem(plan);
  if (problem) throw new ApiError('invalid_params', problem);
  return { source: 'FILE_UPLOAD', ...plan };
}

/** TikTok's chunk arithmetic: floor(video/chunk) chunks, the last one taking the remainder. */
export function chunkPlanProblem(plan: {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
}): string | null {
  const { videoSize, chunkSize, totalChunkCount } = plan;
  if (videoSize > MAX_VIDEO_BYTES) return 'The video size is too large (at most 4 GB).';
  if (videoSize < MIN_CHUNK) {
    // Small files go up whole: one chunk whose size is the video size.
    if (chunkSize !== videoSize) return 'The chunk size is invalid: a single chunk must equal video_size.';
    return totalChunkCount === 1 ? null : 'The total chunk count is invalid.';
  }
  if (chunkSize < MIN_CHUNK || chunkSize > MAX_CHUNK || chunkSize > videoSize)
    return 'The chunk size is invalid.';
  const expected = Math.floor(videoSize / chunkSize);
  if (expected > MAX_CHUNKS) return 'The chunk size is invalid: at most 1000 chunks.';
  return totalChunkCount === expected ? null : 'The total chunk count is invalid.';
}

/** PULL_FROM_URL media must sit under a verified domain or URL prefix of the app. */
export function assertVerifiedUrl(ctx: SandboxContext, appId: string, value: string) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError('invalid_params', 'The media URL is not a valid URL.');
  }
  // TikTok wants https; plain http is tolerated because dev media is served from http://localhost.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiError('invalid_params', 'The media URL must be https.');
  }
  const app = ctx.config.apps.find((a) => a.kind === 'login-kit' && a.id === appId);
  // Like TikTok's published sample URL, the sandbox's own sample media needs no verification.
  const prefixes = [...(app?.verifiedUrlPrefixes ?? []), `${ctx.config.publicUrl}/_sandbox/media/`];
  if (!prefixes.some((prefix) => value.startsWith(prefix))) {
    throw new ApiError(
      'url_ownership_unverified',
      'The media URL is not under a verified domain or URL prefix.',
    );
  }
}
