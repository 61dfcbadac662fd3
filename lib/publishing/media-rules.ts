/**
 * TikTok's media requirements (Media Transfer Guide, creator_info) as pure checks, shared by the
 * browser's pre-check and the server's inspection. Client-safe.
 */
import { formatBytes } from '@/lib/uploads/media-purposes';
import { MAX_VIDEO_BYTES } from './plan-chunks';

export const VIDEO_RULES = {
  containers: ['mp4', 'mov', 'webm'] as const,
  codecs: ['avc', 'hevc', 'vp8', 'vp9'] as const,
  maxBytes: MAX_VIDEO_BYTES,
  minSide: 360,
  maxSide: 4096,
  /** The API takes up to 10 minutes; each creator has their own `max_video_post_duration_sec`. */
  maxApiSeconds: 600,
  minFps: 23,
  maxFps: 60,
};

export const PHOTO_RULES = {
  contentTypes: ['image/jpeg', 'image/webp'] as const,
  maxBytes: 20_000_000,
  minCount: 1,
  maxCount: 35,
};

export type VideoFacts = {
  container: string | null;
  sizeBytes: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  /** mediabunny's codec names: avc, hevc, vp8, vp9, av1… */
  codec: string | null;
  fps?: number | null;
};

export type MediaProblem = { code: string; message: string };

const CODEC_NAMES: Record<string, string> = {
  avc: 'H.264',
  hevc: 'H.265',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
};

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return m === 0 ? `${s} seconds` : s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** Every reason TikTok would refuse this video for this creator, in words a person understands. */
export function checkVideoFacts(
  facts: VideoFacts,
  creator?: { maxVideoPostDurationSec: number | null },
): MediaProblem[] {
  const problems: MediaProblem[] = [];
  if (!facts.container || !(VIDEO_RULES.containers as readonly string[]).includes(facts.container)) {
    problems.push({
      code: 'unsupported_format',
      message: 'This file is not an MP4, MOV or WebM video TikTok can read.',
    });
    return problems;
  }
  if (facts.sizeBytes > VIDEO_RULES.maxBytes) {
    problems.push({
      code: 'too_large',
      message: `This video is ${formatBytes(facts.sizeBytes)}, over TikTok's ${formatBytes(VIDEO_RULES.maxBytes)} limit.`,
    });
  }
  if (facts.codec && !(VIDEO_RULES.codecs as readonly string[]).includes(facts.codec)) {
    problems.push({
      code: 'unsupported_codec',
      message: `TikTok takes H.264, H.265, VP8 or VP9 video; this one is ${CODEC_NAMES[facts.codec] ?? facts.codec}. Export it as H.264.`,
    });
  }
  if (facts.durationSeconds === null) {
    problems.push({
      code: 'no_duration',
      message: 'The video’s length could not be read. Export it again as MP4.',
    });
  } else {
    const creatorMax = creator?.maxVideoPostDurationSec ?? null;
    const max = Math.min(VIDEO_RULES.maxApiSeconds, creatorMax ?? VIDEO_RULES.maxApiSeconds);
    if (facts.durationSeconds > max) {
      problems.push({
        code: 'too_long',
        message: `The video is ${formatDuration(facts.durationSeconds)} long; ${creatorMax ? 'this account' : 'TikTok'} allows at most ${formatDuration(max)}.`,
      });
    }
  }
  if (facts.width === null || facts.height === null) {
    problems.push({ code: 'no_video_track', message: 'This file has no picture TikTok can read.' });
  } else {
    const small = Math.min(facts.width, facts.height);
    const big = Math.max(facts.width, facts.height);
    if (small < VIDEO_RULES.minSide || big > VIDEO_RULES.maxSide) {
      problems.push({
        code: 'picture_size',
        message: `The picture is ${facts.width}×${facts.height}; TikTok needs each side between ${VIDEO_RULES.minSide} and ${VIDEO_RULES.maxSide} pixels.`,
      });
    }
  }
  if (facts.fps && (facts.fps < VIDEO_RULES.minFps - 0.5 || facts.fps > VIDEO_RULES.maxFps + 0.5)) {
    problems.push({
      code: 'frame_rate',
      message: `The video runs at ${Math.round(facts.fps)} fps; TikTok needs 23 to 60.`,
    });
  }
  return problems;
}

/** The photo-set rules: count, type, size (PNG is accepted here: it is converted to JPEG before posting). */
export function checkPhotoSet(photos: readonly { contentType: string; sizeBytes: number }[]): MediaProblem[] {
  const problems: MediaProblem[] = [];
  if (photos.length < PHOTO_RULES.minCount || photos.length > PHOTO_RULES.maxCount) {
    problems.push({ code: 'photo_count', message: `A photo post has 1 to 35 photos, not ${photos.length}.` });
  }
  photos.forEach((photo, i) => {
    if (![...PHOTO_RULES.contentTypes, 'image/png'].includes(photo.contentType)) {
      problems.push({ code: 'photo_type', message: `Photo ${i + 1} must be JPEG or WebP.` });
    } else if (photo.sizeBytes > PHOTO_RULES.maxBytes) {
      problems.push({
        code: 'photo_size',
        message: `Photo ${i + 1} is ${formatBytes(photo.sizeBytes)}, over 20 MB.`,
      });
    }
  });
  return problems;
}
