import 'server-only';
import { and, eq } from 'drizzle-orm';
import { openAccountToken, sealAccountToken } from '@/lib/accounts/account-token-cipher';
import { markAccountNeedsReconnect } from '@/lib/accounts/mark-account-needs-reconnect';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { refreshBusinessToken } from '@/lib/tiktok/business-messaging/refresh-business-token';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';
import { refreshAccessToken } from '@/lib/tiktok/login-kit/refresh-access-token';
import * as clock from '@/lib/time/clock';
import type { TokenRow } from './read-token-row';
import { AccountNeedsReconnectError, TokenRefreshFailedError } from './token-errors';

const DAY_MS = 86_400_000;

export type RefreshAccountTokensOptions = { row: TokenRow; retry?: RetryPolicy };

/**
 * Calls the right refresh endpoint for a creator or business account and persists the new access
 * token, the rotated refresh token and both expiries in one transaction. Only call it while holding
 * the account's refresh lock: refresh tokens rotate, so two concurrent refreshes would kill the grant.
 */
export async function refreshAccountTokens(
  db: Db,
  { row, retry }: RefreshAccountTokensOptions,
): Promise<string> {
  if (
    !row.refreshToken ||
    (row.refreshTokenExpiresAt && row.refreshTokenExpiresAt.getTime() <= clock.nowMs())
  ) {
    await markAccountNeedsReconnect(db, { accountId: row.id, reason: 'refresh_token_expired' });
    throw new AccountNeedsReconnectError(row.id);
  }
  const refreshToken = openAccountToken(row.id, 'refresh_token', row.refreshToken);
  let tokens: {
    accessToken: string;
    refreshToken: string;
    accessTokenExpiresAt: Date;
    refreshTokenExpiresAt: Date;
  };
  try {
    tokens =
      row.kind === 'business'
        ? await refreshBusinessToken(refreshToken, retry)
        : await refreshAccessToken(refreshToken, retry);
  } catch (error) {
    if (isTikTokApiError(error) && error.needsReconnect) {
      const expired = error.code === '40103';
      await markAccountNeedsReconnect(db, {
        accountId: row.id,
        reason: expired ? 'refresh_token_expired' : 'refresh_token_invalid',
        tiktokCode: error.code,
      });
      throw new AccountNeedsReconnectError(row.id, false, error);
    }
    // 5xx, timeouts, rate limits, unknown outcomes: the grant is probably fine, try again later.
    throw new TokenRefreshFailedError(row.id, error);
  }

  // A later refresh-token expiry means TikTok extended it (Business does): earlier warnings are moot.
  const extended =
    !row.refreshTokenExpiresAt ||
    tokens.refreshTokenExpiresAt.getTime() > row.refreshTokenExpiresAt.getTime() + DAY_MS;
  await db.transaction(async (tx) => {
    await tx
      .update(tiktokAccounts)
      .set({
        accessToken: sealAccountToken(row.id, 'access_token', tokens.accessToken),
        refreshToken: sealAccountToken(row.id, 'refresh_token', tokens.refreshToken),
        accessTokenExpiresAt: tokens.accessTokenExpiresAt,
        refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
        lastRefreshedAt: clock.now(),
        ...(extended ? { refreshWarningDays: null } : {}),
      })
      // Guard against a holder whose lock expired mid-call: never overwrite a newer pair.
      .where(and(eq(tiktokAccounts.id, row.id), eq(tiktokAccounts.refreshToken, row.refreshToken ?? '')));
  });
  return tokens.accessToken;
}
