import { z } from 'zod';

/** `POST /v2/oauth/token/` success: flat JSON, not wrapped in `data` (unlike every other v2 call). */
export const loginKitTokenSchema = z.object({
  open_id: z.string().min(1),
  scope: z.string().default(''),
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string().min(1),
  refresh_expires_in: z.number(),
  token_type: z.string().optional(),
});

export const oauthErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
  log_id: z.string().optional(),
});

/** What our code uses: absolute expiry times, scopes as a list. */
export type LoginKitTokens = {
  openId: string;
  scopes: string[];
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
};
