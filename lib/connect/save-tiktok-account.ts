import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { AccountProfile, AccountTokens } from '@/lib/connectors/connector';
import { type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { backfillConversationsJob } from '@/lib/inbox/jobs';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now as clockNow } from '@/lib/time/clock';
import { nextTokenVersion, sealAccountToken } from '@/lib/tokens/account-token-columns';

export type SaveTiktokAccountOptions = {
  workspaceId: string;
  kind: TikTokAccountKind;
  tiktokId: string;
  profile: AccountProfile;
  scopes: string[];
  tokens: AccountTokens;
  grantId?: string | null;
  actorUserId: string;
  ip?: string | null;
};

/**
 * Upserts by (workspace, kind, TikTok id), so reconnecting an account keeps its row, its id and
 * everything that refers to it. Tokens are encrypted under the row id, which only exists after the
 * insert, hence the second update inside the same transaction. Records `connected` or `reconnected`.
 * `authorized_at` marks the new grant: TikTok's removal events issued before it are about an older one.
 */
export async function saveTiktokAccount(db: Db, options: SaveTiktokAccountOptions) {
  const { workspaceId, kind, tiktokId, profile, scopes, tokens } = options;
  const now = clockNow();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: tiktokAccounts.id })
      .from(tiktokAccounts)
      .where(
        and(
          eq(tiktokAccounts.workspaceId, workspaceId),
          eq(tiktokAccounts.kind, kind),
          eq(tiktokAccounts.tiktokId, tiktokId),
        ),
      )
      .limit(1);
    const fresh = {
      ...profile,
      scopes,
      status: 'active' as const,
      statusReason: null,
      statusMessage: null,
      statusChangedAt: now,
      authorizedAt: now,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
      grantId: options.grantId ?? null,
      refreshWarningDays: null,
      lastSyncedAt: now,
      lastRefreshedAt: now,
    };
    const [row] = await tx
      .insert(tiktokAccounts)
      .values({ workspaceId, kind, tiktokId, connectedByUserId: options.actorUserId, ...fresh })
      .onConflictDoUpdate({
        target: [tiktokAccounts.workspaceId, tiktokAccounts.kind, tiktokAccounts.tiktokId],
        set: { ...fresh, tokenVersion: nextTokenVersion(), updatedAt: sql`now()` },
      })
      .returning({ id: tiktokAccounts.id });
    if (!row) throw new Error('upsert returned no row');
    await tx
      .update(tiktokAccounts)
      .set({
        accessToken: sealAccountToken(row.id, 'access_token', tokens.accessToken),
        refreshToken: tokens.refreshToken
          ? sealAccountToken(row.id, 'refresh_token', tokens.refreshToken)
          : null,
        tokenVersion: nextTokenVersion(),
      })
      .where(eq(tiktokAccounts.id, row.id));
    const created = !existing;
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId: options.actorUserId,
      action: created ? 'tiktok_account.connected' : 'tiktok_account.reconnected',
      target: { type: 'tiktok_account', id: row.id },
      metadata: { kind, account: accountLabel(profile, tiktokId) },
      ip: options.ip,
    });
    await publishLiveEvent(tx, { workspaceId, type: 'account.connected', data: { accountId: row.id, kind } });
    // The inbox pulls the account's recent conversations (webhooks bring only what happens next).
    if (kind === 'business')
      await enqueueJob(tx, backfillConversationsJob, { accountId: row.id }, { workspaceId });
    return { id: row.id, created };
  });
}

export function accountLabel(
  profile: { displayName?: string | null; username?: string | null },
  fallback: string,
) {
  if (profile.username) return `@${profile.username}`;
  return profile.displayName ?? fallback;
}
