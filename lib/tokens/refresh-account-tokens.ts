import 'server-only';
import type { AccountTokens } from '@/lib/connectors/connector';
import { connectorFor } from '@/lib/connectors/connectors';
import type { Db } from '@/lib/db/types';
import { isTryLaterError } from '@/lib/errors/try-later-error';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';
import { nowMs } from '@/lib/time/clock';
import { openAccountToken } from './account-token-columns';
import { markAccountNeedsReconnect } from './mark-account-needs-reconnect';
import { readTokenRow, type TokenRow } from './read-token-row';
import { saveRefreshedTokens } from './save-refreshed-tokens';
import { AccountNeedsReconnectError, TokenRefreshFailedError } from './token-errors';

export type RefreshAccountTokensOptions = {
  row: TokenRow;
  retry?: RetryPolicy;
  /** The refresh lock's deadline: the whole refresh, retries included, ends before the lock does. */
  signal?: AbortSignal;
};

/**
 * Calls the kind's refresh endpoint and persists the new access token, the rotated refresh token
 * and both expiries. Only call it while holding the account's refresh lock: refresh tokens rotate,
 * so two concurrent refreshes would kill the grant. Returns the access token to hand out.
 */
export async function refreshAccountTokens(
  db: Db,
  { row, retry, signal }: RefreshAccountTokensOptions,
): Promise<string> {
  const refresh = connectorFor(row.kind).refresh;
  if (!refresh) return openAccountToken(row.id, 'access_token', row.accessToken ?? '');
  if (!row.refreshToken || (row.refreshTokenExpiresAt && row.refreshTokenExpiresAt.getTime() <= nowMs())) {
    await markAccountNeedsReconnect(db, {
      accountId: row.id,
      reason: 'refresh_token_expired',
      tokenVersion: row.tokenVersion,
    });
    throw new AccountNeedsReconnectError(row.id);
  }
  const refreshToken = openAccountToken(row.id, 'refresh_token', row.refreshToken);
  let tokens: AccountTokens;
  try {
    tokens = await refresh(refreshToken, { retry, signal });
  } catch (error) {
    // Not a failure: the outbound limiter has no capacity now. The caller's job snoozes.
    if (isTryLaterError(error)) throw error;
    if (isTikTokApiError(error) && error.needsReconnect) {
      // Refused: maybe because another writer refreshed (or the user reconnected) since we read the row.
      const theirs = await readTokenRow(db, row.id);
      if (theirs && changedGrant(row, theirs, refreshToken)) return handOut(theirs, error);
      await markAccountNeedsReconnect(db, {
        accountId: row.id,
        reason: error.code === '40103' ? 'refresh_token_expired' : 'refresh_token_invalid',
        tiktokCode: error.code,
        tokenVersion: theirs?.tokenVersion ?? row.tokenVersion,
      });
      throw new AccountNeedsReconnectError(row.id, false, error);
    }
    // 5xx, timeouts, rate limits, the deadline, unknown outcomes: the grant is probably fine.
    throw new TokenRefreshFailedError(row.id, error);
  }

  const saved = await saveRefreshedTokens(db, { row, usedRefreshToken: refreshToken, tokens });
  if (saved.outcome === 'saved') return tokens.accessToken;
  if (saved.outcome === 'gone') throw new AccountNeedsReconnectError(row.id, true);
  return handOut(saved.row);
}

/** Whether `current` holds another grant than the one whose refresh token we used. */
function changedGrant(read: TokenRow, current: TokenRow, usedRefreshToken: string): boolean {
  if (current.tokenVersion === read.tokenVersion) return false;
  if (current.status !== 'active' || !current.refreshToken) return false;
  // A key rotation bumps the version too, but leaves the same refresh token under a new key.
  return openAccountToken(current.id, 'refresh_token', current.refreshToken) !== usedRefreshToken;
}

/** Another writer's access token, if it is still good; otherwise the next caller refreshes theirs. */
function handOut(row: TokenRow, cause?: unknown): string {
  const expiresAt = row.accessTokenExpiresAt?.getTime() ?? 0;
  if (row.status === 'active' && row.accessToken && expiresAt > nowMs()) {
    return openAccountToken(row.id, 'access_token', row.accessToken);
  }
  throw new TokenRefreshFailedError(row.id, cause);
}
