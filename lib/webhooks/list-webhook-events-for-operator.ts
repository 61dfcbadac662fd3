import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { type WebhookEventStatus, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireOperator } from '@/lib/operators/require-operator';
import type { WebhookEventView } from './list-webhook-events';

export type ListWebhookEventsForOperatorOptions = {
  userId: string;
  status?: WebhookEventStatus;
  limit?: number;
};

/**
 * Recent webhook deliveries of the whole installation, every workspace's and app-wide ones, newest
 * first. Operators only (404 for anyone else). Payloads stay on the server: they can hold DM text.
 */
export async function listWebhookEventsForOperator(
  db: Db,
  { userId, status, limit = 100 }: ListWebhookEventsForOperatorOptions,
): Promise<WebhookEventView[]> {
  await requireOperator(db, userId);
  const rows = await db
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
    .where(status ? eq(webhookEvents.status, status) : undefined)
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(Math.min(Math.max(1, limit), 200));
  return rows.map((row) => ({ ...row, accountLabel: null }));
}
