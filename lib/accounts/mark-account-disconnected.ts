import 'server-only';
import { and, asc, eq, gte, isNull, lt, ne, or } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now } from '@/lib/time/clock';
import { nextTokenVersion } from '@/lib/tokens/account-token-columns';
import { type AccountStatusReason, reasonFromTikTokRemoval } from './account-status-reasons';

export type MarkAccountDisconnectedOptions = {
  /** The creator's `open_id` (Login Kit webhooks), or any kind's TikTok id together with `kind`. */
  openId?: string;
  tiktokId?: string;
  /** Defaults to `creator`: `authorization.removed` is a Login Kit event. */
  kind?: TikTokAccountKind;
  /** Our reason code, or TikTok's numeric `authorization.removed` reason (0–5). */
  reason: AccountStatusReason | number;
  /**
   * TikTok issued the removal no later than this. Accounts authorized at or after it are left
   * alone: the event is about an earlier grant (disconnect → reconnect → the first grant's
   * delayed removal).
   */
  issuedBy?: Date | null;
  /** Limit to one workspace; by default every workspace that connected this identity. */
  workspaceId?: string;
  actorUserId?: string | null;
  /** Why the revoke at TikTok will not happen, for the audit event (never a secret). */
  revokeSkipped?: string;
};

/**
 * Marks an account disconnected and wipes its tokens, keeping the row and its history. Made for
 * the `authorization.removed` webhook, which names only the open_id: it finds the account in every
 * workspace. Idempotent: accounts already disconnected are left alone and produce no new event.
 * `stale` lists the accounts left alone because they were reconnected after `issuedBy`.
 */
export async function markAccountDisconnected(db: Db, options: MarkAccountDisconnectedOptions) {
  const tiktokId = options.tiktokId ?? options.openId;
  if (!tiktokId) throw new Error('markAccountDisconnected needs openId or tiktokId');
  const kind = options.kind ?? 'creator';
  const reason =
    typeof options.reason === 'number' ? reasonFromTikTokRemoval(options.reason) : options.reason;
  const identity = and(
    eq(tiktokAccounts.kind, kind),
    eq(tiktokAccounts.tiktokId, tiktokId),
    ne(tiktokAccounts.status, 'disconnected'),
    options.workspaceId ? eq(tiktokAccounts.workspaceId, options.workspaceId) : undefined,
  );
  const { issuedBy } = options;
  return db.transaction(async (tx) => {
    // Lock in id order, as key rotation does, so the two can never deadlock.
    await tx
      .select({ id: tiktokAccounts.id })
      .from(tiktokAccounts)
      .where(identity)
      .orderBy(asc(tiktokAccounts.id))
      .for('update');
    const rows = await tx
      .update(tiktokAccounts)
      .set({
        status: 'disconnected',
        statusReason: reason,
        statusMessage: null,
        statusChangedAt: now(),
        accessToken: null,
        refreshToken: null,
        tokenVersion: nextTokenVersion(),
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        refreshWarningDays: null,
      })
      .where(
        and(
          identity,
          issuedBy
            ? or(isNull(tiktokAccounts.authorizedAt), lt(tiktokAccounts.authorizedAt, issuedBy))
            : undefined,
        ),
      )
      .returning({
        id: tiktokAccounts.id,
        workspaceId: tiktokAccounts.workspaceId,
        username: tiktokAccounts.username,
        displayName: tiktokAccounts.displayName,
      });
    for (const row of rows) {
      await recordAuditEvent(tx, {
        workspaceId: row.workspaceId,
        actorUserId: options.actorUserId ?? null,
        action: 'tiktok_account.disconnected',
        target: { type: 'tiktok_account', id: row.id },
        metadata: {
          kind,
          account: row.username ? `@${row.username}` : row.displayName,
          reason,
          ...(options.revokeSkipped ? { revokeSkipped: options.revokeSkipped } : {}),
        },
      });
      await publishLiveEvent(tx, {
        workspaceId: row.workspaceId,
        type: 'account.status_changed',
        data: { accountId: row.id, status: 'disconnected', reason },
      });
    }
    const stale = issuedBy
      ? await tx
          .select({ id: tiktokAccounts.id, workspaceId: tiktokAccounts.workspaceId })
          .from(tiktokAccounts)
          .where(and(identity, gte(tiktokAccounts.authorizedAt, issuedBy)))
      : [];
    return { accounts: rows.map(({ id, workspaceId }) => ({ id, workspaceId })), stale };
  });
}
