import { z } from 'zod';

/** `data` of the tt_user token and refresh endpoints. */
export const businessTokenSchema = z.object({
  open_id: z.string().min(1),
  scope: z.string().default(''),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token_expires_in: z.number(),
});

export const businessAccountSchema = z.object({
  username: z.string().optional(),
  display_name: z.string().optional(),
  profile_image: z.string().optional(),
  is_verified: z.boolean().optional(),
  followers_count: z.number().optional(),
  following_count: z.number().optional(),
  total_likes: z.number().optional(),
  videos_count: z.number().optional(),
});

export type BusinessTokens = {
  /** TikTok calls it `open_id` here, but it is the `business_id` of every later call and of webhooks. */
  businessId: string;
  scopes: string[];
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
};

export type BusinessAccount = {
  username: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  isVerified: boolean | null;
  followerCount: number | null;
  followingCount: number | null;
  likesCount: number | null;
  videoCount: number | null;
};
