import 'server-only';
import { eq } from 'drizzle-orm';
import { type WebhookEventStatus, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireOperator } from '@/lib/operators/require-operator';
import { selectWebhookEventRows, type WebhookEventView } from './list-webhook-events';

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
  const rows = await selectWebhookEventRows(db, status ? eq(webhookEvents.status, status) : undefined, limit);
  return rows.map((row) => ({ ...row, accountLabel: null }));
}
