import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import * as clock from '@/lib/time/clock';
import { type AccountStatusReason, reasonFromTikTokRemoval } from './account-status-reasons';

export type MarkAccountDisconnectedOptions = {
  /** The creator's `open_id` (Login Kit webhooks), or any kind's TikTok id together with `kind`. */
  openId?: string;
  tiktokId?: string;
  /** Defaults to `creator`: `authorization.removed` is a Login Kit event. */
  kind?: TikTokAccountKind;
  /** Our reason code, or TikTok's numeric `authorization.removed` reason (0–5). */
  reason: AccountStatusReason | number;
  /** Limit to one workspace; by default every workspace that connected this identity. */
  workspaceId?: string;
  actorUserId?: string | null;
};

/**
 * Marks an account disconnected and wipes its tokens, keeping the row and its history. Made for
 * the `authorization.removed` webhook, which names only the open_id: it finds the account in every
 * workspace. Idempotent: accounts already disconnected are left alone and produce no new event.
 */
export async function markAccountDisconnected(db: Db, options: MarkAccountDisconnectedOptions) {
  const tiktokId = options.tiktokId ?? options.openId;
  if (!tiktokId) throw new Error('markAccountDisconnected needs openId or tiktokId');
  const kind = options.kind ?? 'creator';
  const reason =
    typeof options.reason === 'number' ? reasonFromTikTokRemoval(options.reason) : options.reason;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(tiktokAccounts)
      .set({
        status: 'disconnected',
        statusReason: reason,
        statusMessage: null,
        statusChangedAt: clock.now(),
        accessToken: null,
        refreshToken: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        refreshWarningDays: null,
      })
      .where(
        and(
          eq(tiktokAccounts.kind, kind),
          eq(tiktokAccounts.tiktokId, tiktokId),
          ne(tiktokAccounts.status, 'disconnected'),
          options.workspaceId ? eq(tiktokAccounts.workspaceId, options.workspaceId) : undefined,
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
        metadata: { kind, account: row.username ? `@${row.username}` : row.displayName, reason },
      });
      await publishLiveEvent(tx, {
        workspaceId: row.workspaceId,
        type: 'account.status_changed',
        data: { accountId: row.id, status: 'disconnected', reason },
      });
    }
    return { accounts: rows.map(({ id, workspaceId }) => ({ id, workspaceId })) };
  });
}
