import type { SandboxVideo } from '../core/users';
import { videoStats } from './video-stats';

export const VIDEO_FIELDS = [
  'id',
  'create_time',
  'cover_image_url',
  'share_url',
  'video_description',
  'duration',
  'height',
  'width',
  'title',
  'embed_html',
  'embed_link',
  'like_count',
  'comment_count',
  'share_count',
  'view_count',
  'is_aigc',
] as const;

const COVER_TTL_SECONDS = 6 * 3600;

/** The Display API video object; cover URLs are signed and expire after 6 hours like TikTok's CDN. */
export function videoObject(video: SandboxVideo, nowMs: number): Record<string, unknown> {
  const expires = Math.floor(nowMs / 1000) + COVER_TTL_SECONDS;
  const cover = new URL(video.coverImageUrl);
  cover.searchParams.set('x-expires', String(expires));
  return {
    id: video.id,
    create_time: video.createTime,
    cover_image_url: cover.toString(),
    share_url: video.shareUrl,
    video_description: video.description.slice(0, 150),
    duration: video.durationSeconds,
    height: video.height,
    width: video.width,
    title: video.title.slice(0, 150),
    embed_html: `<blockquote class="tiktok-embed" cite="${video.shareUrl}" data-video-id="${video.id}"></blockquote>`,
    embed_link: video.embedLink,
    is_aigc: false,
    ...videoStats(video, nowMs),
  };
}
