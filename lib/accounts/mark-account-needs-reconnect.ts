import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import * as clock from '@/lib/time/clock';
import type { AccountStatusReason } from './account-status-reasons';

export type MarkAccountNeedsReconnectOptions = {
  accountId: string;
  reason: AccountStatusReason;
  /** TikTok's own error code, kept for support (never a token). */
  tiktokCode?: string;
};

/**
 * Flags an active account whose grant TikTok no longer honours. Idempotent: only the transition from
 * `active` is recorded, so many callers hitting the same dead token produce one audit event.
 */
export async function markAccountNeedsReconnect(
  db: Db,
  { accountId, reason, tiktokCode }: MarkAccountNeedsReconnectOptions,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(tiktokAccounts)
      .set({
        status: 'needs_reconnect',
        statusReason: reason,
        statusMessage: tiktokCode ?? null,
        statusChangedAt: clock.now(),
      })
      .where(and(eq(tiktokAccounts.id, accountId), eq(tiktokAccounts.status, 'active')))
      .returning({
        workspaceId: tiktokAccounts.workspaceId,
        kind: tiktokAccounts.kind,
        username: tiktokAccounts.username,
        displayName: tiktokAccounts.displayName,
      });
    if (!row) return false;
    await recordAuditEvent(tx, {
      workspaceId: row.workspaceId,
      actorUserId: null,
      action: 'tiktok_account.needs_reconnect',
      target: { type: 'tiktok_account', id: accountId },
      metadata: {
        kind: row.kind,
        account: row.username ? `@${row.username}` : row.displayName,
        reason,
        tiktokCode,
      },
    });
    await publishLiveEvent(tx, {
      workspaceId: row.workspaceId,
      type: 'account.status_changed',
      data: { accountId, status: 'needs_reconnect', reason },
    });
    return true;
  });
}
