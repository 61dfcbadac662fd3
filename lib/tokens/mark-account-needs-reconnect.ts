import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { now } from '@/lib/time/clock';

/** Why a grant is lost; each has its sentence in `ACCOUNT_STATUS_REASONS` (lib/accounts). */
export type NeedsReconnectReason = 'refresh_token_expired' | 'refresh_token_invalid' | 'access_token_invalid';

import { publishLiveEvent } from '@/lib/live/publish-live-event';

export type MarkAccountNeedsReconnectOptions = {
  accountId: string;
  reason: NeedsReconnectReason;
  /** TikTok's own error code, kept for support (never a token). */
  tiktokCode?: string;
  /** Only if the token columns are still at this version: a reconnect meanwhile keeps the account. */
  tokenVersion?: number;
};

/**
 * Flags an active account whose grant TikTok no longer honours. Idempotent: only the transition from
 * `active` is recorded, so many callers hitting the same dead token produce one audit event.
 */
export async function markAccountNeedsReconnect(
  db: Db,
  { accountId, reason, tiktokCode, tokenVersion }: MarkAccountNeedsReconnectOptions,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(tiktokAccounts)
      .set({
        status: 'needs_reconnect',
        statusReason: reason,
        statusMessage: tiktokCode ?? null,
        statusChangedAt: now(),
      })
      .where(
        and(
          eq(tiktokAccounts.id, accountId),
          eq(tiktokAccounts.status, 'active'),
          tokenVersion === undefined ? undefined : eq(tiktokAccounts.tokenVersion, tokenVersion),
        ),
      )
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
