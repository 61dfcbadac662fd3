import 'server-only';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { tiktokAccounts, type WebhookEventStatus, type WebhookSource, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { webhookEventVisibleTo } from './visible-to-workspace';

export type WebhookEventView = {
  id: string;
  source: WebhookSource;
  event: string;
  /** `@username` or display name of the workspace's account; null where no workspace is in view (operator). */
  accountLabel: string | null;
  userOpenId: string | null;
  status: WebhookEventStatus;
  attempts: number;
  note: string | null;
  lastError: string | null;
  receivedAt: Date;
};

export type ListWebhookEventsOptions = { workspaceId: string; userId: string; limit?: number };

/**
 * Recent webhook deliveries about the workspace's own accounts (rule in visible-to-workspace.ts), newest first.
 * Owners and admins only. Payloads stay on the server: they can hold DM text.
 */
export async function listWebhookEvents(
  db: Db,
  { workspaceId, userId, limit = 50 }: ListWebhookEventsOptions,
): Promise<WebhookEventView[]> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const rows = await selectWebhookEventRows(db, webhookEventVisibleTo(workspaceId), limit);

  const openIds = [...new Set(rows.flatMap((row) => (row.userOpenId ? [row.userOpenId] : [])))];
  const accounts =
    openIds.length === 0
      ? []
      : await db
          .select({
            tiktokId: tiktokAccounts.tiktokId,
            kind: tiktokAccounts.kind,
            username: tiktokAccounts.username,
            displayName: tiktokAccounts.displayName,
          })
          .from(tiktokAccounts)
          .where(and(eq(tiktokAccounts.workspaceId, workspaceId), inArray(tiktokAccounts.tiktokId, openIds)));
  const label = (row: (typeof rows)[number]) => {
    const kind = row.source === 'tiktok' ? 'creator' : 'business';
    const account = accounts.find(
      (candidate) => candidate.tiktokId === row.userOpenId && candidate.kind === kind,
    );
    if (!account) return null;
    return account.username ? `@${account.username}` : (account.displayName ?? account.tiktokId);
  };
  return rows.map((row) => ({ ...row, accountLabel: label(row) }));
}

/** Webhook event rows as the settings and operator pages show them (no payloads), newest first. */
export function selectWebhookEventRows(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({
      id: webhookEvents.id,
      source: webhookEvents.source,
      event: webhookEvents.event,
      userOpenId: webhookEvents.userOpenId,
      status: webhookEvents.status,
      attempts: webhookEvents.attempts,
      note: webhookEvents.note,
      lastError: webhookEvents.lastError,
      receivedAt: webhookEvents.receivedAt,
    })
    .from(webhookEvents)
    .where(where)
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(Math.min(Math.max(1, limit), 200));
}
