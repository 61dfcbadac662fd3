import 'server-only';
import type { Redis } from '@upstash/redis';
import { openAccountToken } from '@/lib/accounts/account-token-cipher';
import type { Db } from '@/lib/db/types';
import { acquireLock } from '@/lib/kv/acquire-lock';
import { getRedis } from '@/lib/kv/redis';
import { releaseLock } from '@/lib/kv/release-lock';
import { waitForUnlock } from '@/lib/kv/wait-for-unlock';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';
import * as clock from '@/lib/time/clock';
import { readTokenRow, type TokenRow } from './read-token-row';
import { refreshAccountTokens } from './refresh-account-tokens';
import { AccountNeedsReconnectError, TokenRefreshFailedError } from './token-errors';

/** A token is handed out only if it stays valid at least this long. */
export const MIN_VALIDITY_MS = 5 * 60 * 1000;
/** Above the longest refresh we expect (three attempts with backoff); frees itself if the holder dies. */
export const REFRESH_LOCK_TTL_MS = 30_000;
/** How long a failed refresh makes waiters give up instead of queueing for another attempt. */
const FAILURE_MARK_MS = 10_000;

export type GetAccessTokenOptions = {
  redis?: Redis;
  /** Refresh if the token expires within this (default 5 minutes). */
  minValidityMs?: number;
  /** Refresh even if still valid (the keep-alive, to extend a Business refresh token). */
  force?: boolean;
  lockTtlMs?: number;
  /** How long a caller waits for another holder before giving up; default a bit over the lock TTL. */
  waitMs?: number;
  retry?: RetryPolicy;
  /**
   * Callers in this process that need the same refresh share one attempt (default). Off, each
   * caller goes through the Redis lock on its own, as callers in separate instances do.
   */
  shareInFlight?: boolean;
};

export const refreshLockKey = (accountId: string) => `tokens:refresh-lock:${accountId}`;
const failureKey = (accountId: string) => `tokens:refresh-failed:${accountId}`;

/**
 * An access token for the account that is valid for at least five more minutes. Expired tokens are
 * refreshed by exactly one caller, under a per-account Upstash lock; everyone else waits (bounded)
 * for it and reads the fresh token from the database. Never returns an expired token: it throws
 * `AccountNeedsReconnectError` (the grant is gone) or `TokenRefreshFailedError` (try again later).
 */
export async function getAccessToken(
  db: Db,
  accountId: string,
  options: GetAccessTokenOptions = {},
): Promise<string> {
  const redis = options.redis ?? getRedis();
  const minValidityMs = options.minValidityMs ?? MIN_VALIDITY_MS;
  const ttlMs = options.lockTtlMs ?? REFRESH_LOCK_TTL_MS;
  const deadline = Date.now() + (options.waitMs ?? ttlMs + 5000);
  const startedAt = clock.now();
  const isFresh = (row: TokenRow) =>
    options.force
      ? (row.lastRefreshedAt?.getTime() ?? 0) >= startedAt.getTime()
      : isValid(row, minValidityMs);

  const row = await requireUsableRow(db, accountId);
  if (row.kind === 'ads' || isFresh(row)) return decryptAccess(row);
  // A forced refresh must see a refresh that starts after it asked, so it never joins one in flight.
  if (options.force || options.shareInFlight === false) {
    return refreshOrWait(db, { accountId, redis, ttlMs, deadline, minValidityMs, isFresh, options });
  }

  // Callers of one instance share a single attempt: the lock then arbitrates between instances only.
  const shared = inFlightFor(db);
  const pending = shared.get(accountId);
  if (pending) return pending;
  const attempt = refreshOrWait(db, { accountId, redis, ttlMs, deadline, minValidityMs, isFresh, options });
  shared.set(accountId, attempt);
  void attempt.then(
    () => shared.delete(accountId),
    () => shared.delete(accountId),
  );
  return attempt;
}

const inFlightByDb = new WeakMap<Db, Map<string, Promise<string>>>();

function inFlightFor(db: Db): Map<string, Promise<string>> {
  let map = inFlightByDb.get(db);
  if (!map) {
    map = new Map();
    inFlightByDb.set(db, map);
  }
  return map;
}

type RefreshOrWaitOptions = {
  accountId: string;
  redis: Redis;
  ttlMs: number;
  deadline: number;
  minValidityMs: number;
  isFresh: (row: TokenRow) => boolean;
  options: GetAccessTokenOptions;
};

/** Refreshes under the account's lock, or waits (bounded) for whoever holds it and reads their result. */
async function refreshOrWait(db: Db, ctx: RefreshOrWaitOptions): Promise<string> {
  const { accountId, redis, ttlMs, deadline, minValidityMs, isFresh, options } = ctx;
  let row: TokenRow;
  const key = refreshLockKey(accountId);
  for (;;) {
    const lock = await acquireLock(redis, key, { ttlMs }).catch((error: unknown) => {
      throw new TokenRefreshFailedError(accountId, error);
    });
    if (lock) {
      try {
        // Re-read under the lock: the previous holder may have refreshed while we queued.
        row = await requireUsableRow(db, accountId);
        if (isFresh(row)) return decryptAccess(row);
        try {
          return await refreshAccountTokens(db, { row, retry: options.retry });
        } catch (error) {
          if (error instanceof TokenRefreshFailedError) {
            await redis.set(failureKey(accountId), '1', { px: FAILURE_MARK_MS }).catch(() => null);
          }
          throw error;
        }
      } finally {
        await releaseLock(redis, lock).catch(() => false);
      }
    }
    // Someone else is refreshing: wait for them, then take their result from the database.
    const freed = await waitForUnlock(redis, key, { waitMs: Math.max(0, deadline - Date.now()) });
    row = await requireUsableRow(db, accountId);
    if (isValid(row, minValidityMs) && (!options.force || isFresh(row))) return decryptAccess(row);
    if (
      (await redis.exists(failureKey(accountId)).catch(() => 0)) === 1 ||
      !freed ||
      Date.now() >= deadline
    ) {
      throw new TokenRefreshFailedError(accountId);
    }
    // The lock is free but nothing was refreshed: its holder died. Try to take over.
  }
}

function isValid(row: TokenRow, minValidityMs: number): boolean {
  const expiresAt = row.accessTokenExpiresAt?.getTime();
  return row.accessToken !== null && expiresAt !== undefined && expiresAt - clock.nowMs() > minValidityMs;
}

async function requireUsableRow(db: Db, accountId: string): Promise<TokenRow> {
  const row = await readTokenRow(db, accountId);
  if (!row) throw new AccountNeedsReconnectError(accountId, true);
  if (row.status !== 'active' || !row.accessToken) {
    throw new AccountNeedsReconnectError(accountId, row.status === 'disconnected');
  }
  return row;
}

function decryptAccess(row: TokenRow): string {
  return openAccountToken(row.id, 'access_token', row.accessToken ?? '');
}
