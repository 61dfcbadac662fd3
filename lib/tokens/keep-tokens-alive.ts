import 'server-only';
import type { Redis } from '@upstash/redis';
import { and, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import * as clock from '@/lib/time/clock';
import { getAccessToken } from './get-access-token';
import { AccountNeedsReconnectError } from './token-errors';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Warn this many days before a refresh token runs out; each threshold once per token. */
export const REFRESH_WARNING_DAYS = [14, 7, 1] as const;

export type KeepTokensAliveOptions = {
  redis?: Redis;
  /** Refresh access tokens expiring before the next daily run, with slack for a late run. */
  horizonMs?: number;
};

export type KeepTokensAliveResult = {
  refreshed: number;
  needsReconnect: number;
  failed: number;
  warned: number;
};

/**
 * The daily keep-alive. Refreshes creator and business tokens that would expire before the next
 * run, and Business refresh tokens within the warning window (TikTok restarts their lifetime on
 * refresh, so an account that nobody used still never dies). Login Kit refresh tokens are *not*
 * extended by refreshing, so for them (and any Business token TikTok did not extend) it warns —
 * banner + audit event — 14, 7 and 1 day(s) before the end, each warning once.
 */
export async function keepTokensAlive(
  db: Db,
  options: KeepTokensAliveOptions = {},
): Promise<KeepTokensAliveResult> {
  const now = clock.nowMs();
  const horizon = new Date(now + (options.horizonMs ?? 26 * HOUR_MS));
  const warningWindow = new Date(now + (REFRESH_WARNING_DAYS[0] + 1) * DAY_MS);
  const result: KeepTokensAliveResult = { refreshed: 0, needsReconnect: 0, failed: 0, warned: 0 };

  const due = await db
    .select({
      id: tiktokAccounts.id,
      kind: tiktokAccounts.kind,
      accessExpiresAt: tiktokAccounts.accessTokenExpiresAt,
    })
    .from(tiktokAccounts)
    .where(
      and(
        eq(tiktokAccounts.status, 'active'),
        inArray(tiktokAccounts.kind, ['creator', 'business']),
        or(
          lt(tiktokAccounts.accessTokenExpiresAt, horizon),
          and(eq(tiktokAccounts.kind, 'business'), lt(tiktokAccounts.refreshTokenExpiresAt, warningWindow)),
        ),
      ),
    );
  // One at a time: a daily job has time, and TikTok's rate limits are per app.
  for (const account of due) {
    const accessDue = (account.accessExpiresAt?.getTime() ?? 0) < horizon.getTime();
    try {
      await getAccessToken(db, account.id, {
        redis: options.redis,
        minValidityMs: horizon.getTime() - clock.nowMs(),
        force: !accessDue,
      });
      result.refreshed += 1;
    } catch (error) {
      if (error instanceof AccountNeedsReconnectError) result.needsReconnect += 1;
      else {
        result.failed += 1;
        logError(`keep-alive refresh of account ${account.id}`, error);
      }
    }
  }
  result.warned = await warnExpiringRefreshTokens(db, warningWindow);
  return result;
}

async function warnExpiringRefreshTokens(db: Db, warningWindow: Date): Promise<number> {
  const expiring = await db
    .select({
      id: tiktokAccounts.id,
      workspaceId: tiktokAccounts.workspaceId,
      kind: tiktokAccounts.kind,
      username: tiktokAccounts.username,
      displayName: tiktokAccounts.displayName,
      refreshExpiresAt: tiktokAccounts.refreshTokenExpiresAt,
      warnedDays: tiktokAccounts.refreshWarningDays,
    })
    .from(tiktokAccounts)
    .where(
      and(
        eq(tiktokAccounts.status, 'active'),
        isNotNull(tiktokAccounts.refreshTokenExpiresAt),
        lt(tiktokAccounts.refreshTokenExpiresAt, warningWindow),
      ),
    );
  let warned = 0;
  for (const account of expiring) {
    const daysLeft = Math.max(
      0,
      Math.ceil(((account.refreshExpiresAt?.getTime() ?? 0) - clock.nowMs()) / DAY_MS),
    );
    // The tightest threshold reached; a skipped run sends only that one, not every threshold passed.
    const threshold = [...REFRESH_WARNING_DAYS].reverse().find((days) => daysLeft <= days);
    if (threshold === undefined || (account.warnedDays !== null && account.warnedDays <= threshold)) continue;
    await db.transaction(async (tx) => {
      await tx
        .update(tiktokAccounts)
        .set({ refreshWarningDays: threshold })
        .where(eq(tiktokAccounts.id, account.id));
      await recordAuditEvent(tx, {
        workspaceId: account.workspaceId,
        actorUserId: null,
        action: 'tiktok_account.refresh_expiring',
        target: { type: 'tiktok_account', id: account.id },
        metadata: {
          kind: account.kind,
          account: account.username ? `@${account.username}` : account.displayName,
          daysLeft,
        },
      });
    });
    warned += 1;
  }
  return warned;
}
