import { z } from 'zod';

/** The v2 envelope: `{data, error: {code, message, log_id}}`, `code: "ok"` on success. */
export const v2EnvelopeSchema = z.object({
  data: z.unknown().optional(),
  error: z.object({
    code: z.string(),
    message: z.string().default(''),
    log_id: z.string().optional(),
  }),
});

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
