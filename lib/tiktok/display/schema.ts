import { z } from 'zod';
import { tiktokIdSchema } from '@/lib/tiktok/http/tiktok-json';

export const userInfoSchema = z.object({
  user: z.object({
    open_id: z.string(),
    union_id: z.string().optional(),
    avatar_url: z.string().optional(),
    avatar_url_100: z.string().optional(),
    display_name: z.string().optional(),
    bio_description: z.string().optional(),
    profile_deep_link: z.string().optional(),
    is_verified: z.boolean().optional(),
    username: z.string().optional(),
    follower_count: z.number().optional(),
    following_count: z.number().optional(),
    likes_count: z.number().optional(),
    video_count: z.number().optional(),
  }),
});

export type CreatorProfile = {
  openId: string;
  displayName: string | null;
  username: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  isVerified: boolean | null;
  followerCount: number | null;
  followingCount: number | null;
  likesCount: number | null;
  videoCount: number | null;
};

/** Every field of TikTok's video object; only the requested ones come back. */
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
export type VideoField = (typeof VIDEO_FIELDS)[number];

export const videoSchema = z.object({
  id: tiktokIdSchema,
  create_time: z.number().optional(),
  cover_image_url: z.string().optional(),
  share_url: z.string().optional(),
  video_description: z.string().optional(),
  duration: z.number().optional(),
  height: z.number().optional(),
  width: z.number().optional(),
  title: z.string().optional(),
  embed_html: z.string().optional(),
  embed_link: z.string().optional(),
  like_count: z.number().optional(),
  comment_count: z.number().optional(),
  share_count: z.number().optional(),
  view_count: z.number().optional(),
  is_aigc: z.boolean().optional(),
});

export const videoListSchema = z.object({
  videos: z.array(videoSchema).default([]),
  cursor: z.number().optional(),
  has_more: z.boolean().default(false),
});

export const videoQuerySchema = z.object({ videos: z.array(videoSchema).default([]) });

/** A video as Tokdesk uses it; fields that were not requested are null. */
export type DisplayVideo = {
  /** TikTok's item id: 19 digits, kept as a string. */
  id: string;
  createdAt: Date | null;
  /** A signed CDN link that expires after about 6 hours: show it, never store it as a permanent link. */
  coverImageUrl: string | null;
  shareUrl: string | null;
  description: string | null;
  title: string | null;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  embedLink: string | null;
  viewCount: number | null;
  likeCount: number | null;
  commentCount: number | null;
  shareCount: number | null;
  isAigc: boolean | null;
};

export function toDisplayVideo(video: z.output<typeof videoSchema>): DisplayVideo {
  return {
    id: video.id,
    createdAt: video.create_time === undefined ? null : new Date(video.create_time * 1000),
    coverImageUrl: video.cover_image_url ?? null,
    shareUrl: video.share_url ?? null,
    description: video.video_description ?? null,
    title: video.title ?? null,
    durationSec: video.duration ?? null,
    width: video.width ?? null,
    height: video.height ?? null,
    embedLink: video.embed_link ?? null,
    viewCount: video.view_count ?? null,
    likeCount: video.like_count ?? null,
    commentCount: video.comment_count ?? null,
    shareCount: video.share_count ?? null,
    isAigc: video.is_aigc ?? null,
  };
}

/** What reports read by default: identity, dates, links and the four counts. */
export const REPORT_VIDEO_FIELDS: readonly VideoField[] = [
  'id',
  'create_time',
  'cover_image_url',
  'share_url',
  'video_description',
  'title',
  'duration',
  'view_count',
  'like_count',
  'comment_count',
  'share_count',
];
