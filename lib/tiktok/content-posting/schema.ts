import { z } from 'zod';
import { tiktokIdSchema } from '@/lib/tiktok/http/tiktok-json';

/** `privacy_level` values; creator_info says which ones a creator may use right now. */
export type PrivacyLevel =
  | 'PUBLIC_TO_EVERYONE'
  | 'MUTUAL_FOLLOW_FRIENDS'
  | 'FOLLOWER_OF_CREATOR'
  | 'SELF_ONLY';

export const creatorInfoSchema = z.object({
  creator_avatar_url: z.string().optional(),
  creator_username: z.string().optional(),
  creator_nickname: z.string().optional(),
  privacy_level_options: z.array(z.string()).default([]),
  comment_disabled: z.boolean().default(false),
  duet_disabled: z.boolean().default(false),
  stitch_disabled: z.boolean().default(false),
  max_video_post_duration_sec: z.number().optional(),
});

export type CreatorInfo = {
  /** Expires after about 2 hours: show it, do not store it. */
  avatarUrl: string | null;
  username: string | null;
  /** Shown in the composer so the user sees which account posts (a Direct Post UX rule). */
  nickname: string | null;
  /** Offer exactly these, with no default. Strings: TikTok may add levels before we know them. */
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  maxVideoPostDurationSec: number | null;
};

export const initResponseSchema = z.object({
  publish_id: z.string().min(1),
  upload_url: z.string().min(1).optional(),
});

export type PublishInit = {
  /** Store it in the same transaction that records the init: it is the only handle on the post. */
  publishId: string;
  /** FILE_UPLOAD only: valid for one hour, used whole (query string included). */
  uploadUrl: string | null;
};

/** A status TikTok may add later still parses: `status` is the string as sent. */
export type PublishStatusValue =
  | 'PROCESSING_UPLOAD'
  | 'PROCESSING_DOWNLOAD'
  | 'SEND_TO_USER_INBOX'
  | 'PUBLISH_COMPLETE'
  | 'FAILED'
  | (string & {});

export const publishStatusSchema = z.object({
  status: z.string().min(1),
  fail_reason: z.string().optional(),
  // (sic) TikTok's spelling; the corrected one is accepted too in case TikTok fixes it.
  publicaly_available_post_id: z.array(tiktokIdSchema).optional(),
  publicly_available_post_id: z.array(tiktokIdSchema).optional(),
  uploaded_bytes: z.number().optional(),
  downloaded_bytes: z.number().optional(),
});

export type PublishStatus = {
  status: PublishStatusValue;
  /** Set when `status` is `FAILED`: `internal`, `video_pull_failed`, `auth_removed`, `spam_risk_*`… */
  failReason: string | null;
  /** 19-digit post ids as strings; only public posts, after moderation; a draft can become several. */
  publiclyAvailablePostIds: string[];
  uploadedBytes: number | null;
  downloadedBytes: number | null;
};
