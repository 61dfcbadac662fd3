import 'server-only';
import { and, eq, inArray, isNotNull, lt, notInArray, or } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueJobs } from '@/lib/jobs/enqueue-job';
import { nowMs } from '@/lib/time/clock';
import { refreshAccountTokensJob } from './jobs';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Warn this many days before a refresh token runs out; each threshold once per token. */
export const REFRESH_WARNING_DAYS = [14, 7, 1] as const;

export type KeepTokensAliveOptions = {
  /** Refresh access tokens expiring before the next daily run, with slack for a late run. */
  horizonMs?: number;
};

export type KeepTokensAliveResult = {
  /** One `tokens.refresh-account` job per account due (ids; a rerun the same day adds none). */
  enqueued: string[];
  warned: number;
};

/**
 * The daily keep-alive. Enqueues one refresh job per creator or business account whose access token
 * would expire before the next run, and per Business account within the warning window (TikTok
 * restarts a Business refresh token's lifetime on refresh, so an account nobody used still never
 * dies); those jobs run in parallel, a few at a time, instead of one long serial loop. Login Kit
 * refresh tokens are *not* extended by refreshing, so for them (and any Business token TikTok did
 * not extend) it warns — banner + audit event — 14, 7 and 1 day(s) before the end, each warning once.
 */
export async function keepTokensAlive(
  db: Db,
  options: KeepTokensAliveOptions = {},
): Promise<KeepTokensAliveResult> {
  const now = nowMs();
  const horizon = new Date(now + (options.horizonMs ?? 26 * HOUR_MS));
  const warningWindow = new Date(now + (REFRESH_WARNING_DAYS[0] + 1) * DAY_MS);

  const due = await db
    .select({ id: tiktokAccounts.id, workspaceId: tiktokAccounts.workspaceId })
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
  const day = new Date(now).toISOString().slice(0, 10);
  const jobs = await enqueueJobs(
    db,
    refreshAccountTokensJob,
    due.map((account) => ({
      payload: { accountId: account.id, validUntil: horizon.toISOString() },
      options: { dedupeKey: `tokens.refresh-account:${account.id}:${day}`, workspaceId: account.workspaceId },
    })),
  );
  // Accounts being refreshed are warned by their own job, after the refresh (it may extend them).
  const warned = await warnExpiringRefreshTokens(db, { skip: due.map((account) => account.id) });
  return { enqueued: jobs.filter((job) => job.created).map((job) => job.id), warned };
}

export type WarnExpiringRefreshTokensOptions = { only?: string[]; skip?: string[] };

/**
 * Banner + audit event for active accounts whose refresh token runs out within the warning window,
 * each threshold once per token. `only`/`skip` narrow it to, or leave out, some accounts.
 */
export async function warnExpiringRefreshTokens(
  db: Db,
  { only, skip = [] }: WarnExpiringRefreshTokensOptions = {},
): Promise<number> {
  const warningWindow = new Date(nowMs() + (REFRESH_WARNING_DAYS[0] + 1) * DAY_MS);
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
        only ? inArray(tiktokAccounts.id, only) : undefined,
        skip.length > 0 ? notInArray(tiktokAccounts.id, skip) : undefined,
      ),
    );
  let warned = 0;
  for (const account of expiring) {
    const daysLeft = Math.max(0, Math.ceil(((account.refreshExpiresAt?.getTime() ?? 0) - nowMs()) / DAY_MS));
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
