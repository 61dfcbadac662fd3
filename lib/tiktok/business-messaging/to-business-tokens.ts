import 'server-only';
import type { z } from 'zod';
import * as clock from '@/lib/time/clock';
import type { BusinessTokens, businessTokenSchema } from './schema';

/** Lifetimes arrive as remaining seconds; read them rather than assuming 24 h / 30 days. */
export function toBusinessTokens(
  data: z.output<typeof businessTokenSchema>,
  now = clock.nowMs(),
): BusinessTokens {
  return {
    businessId: data.open_id,
    scopes: data.scope
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean),
    accessToken: data.access_token,
    accessTokenExpiresAt: new Date(now + data.expires_in * 1000),
    refreshToken: data.refresh_token,
    refreshTokenExpiresAt: new Date(now + data.refresh_token_expires_in * 1000),
  };
}
