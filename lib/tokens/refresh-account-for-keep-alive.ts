import 'server-only';
import type { Redis } from '@upstash/redis';
import { and, eq, inArray } from 'drizzle-orm';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import { getAccessToken } from './get-access-token';
import { warnExpiringRefreshTokens } from './keep-tokens-alive';
import { AccountNeedsReconnectError } from './token-errors';

export type RefreshAccountForKeepAliveOptions = { accountId: string; validUntil: string; redis?: Redis };

export type RefreshAccountForKeepAliveResult = { outcome: 'refreshed' | 'needs_reconnect' | 'skipped' };

/**
 * The `tokens.refresh-account` job: makes one account's access token valid until `validUntil`, or,
 * for a Business account whose access token is still fine, refreshes anyway to extend its refresh
 * token (TikTok restarts that lifetime on refresh), then warns if its refresh token still runs out
 * soon. A lost grant is an outcome, not a failure (the account is marked and its owners told); any
 * other failure throws, so the job retries.
 */
export async function refreshAccountForKeepAlive(
  db: Db,
  { accountId, validUntil, redis }: RefreshAccountForKeepAliveOptions,
): Promise<RefreshAccountForKeepAliveResult> {
  const horizon = new Date(validUntil);
  const [account] = await db
    .select({ id: tiktokAccounts.id, accessExpiresAt: tiktokAccounts.accessTokenExpiresAt })
    .from(tiktokAccounts)
    .where(
      and(
        eq(tiktokAccounts.id, accountId),
        eq(tiktokAccounts.status, 'active'),
        inArray(tiktokAccounts.kind, ['creator', 'business']),
      ),
    )
    .limit(1);
  // Disconnected or removed since the fan-out: nothing to keep alive.
  if (!account) return { outcome: 'skipped' };
  const accessDue = (account.accessExpiresAt?.getTime() ?? 0) < horizon.getTime();
  let outcome: RefreshAccountForKeepAliveResult['outcome'] = 'refreshed';
  try {
    await getAccessToken(db, account.id, {
      redis,
      minValidityMs: horizon.getTime() - nowMs(),
      force: !accessDue,
    });
  } catch (error) {
    if (!(error instanceof AccountNeedsReconnectError)) throw error;
    outcome = 'needs_reconnect';
  }
  // After the refresh, which may have extended the refresh token: warn only if it still runs out.
  await warnExpiringRefreshTokens(db, { only: [account.id] });
  return { outcome };
}
