import type { WebhookSource } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type WebhookEventInput = {
  id: string;
  source: WebhookSource;
  /** The name as received; registry lookup uses the normalised spelling. */
  event: string;
  userOpenId: string | null;
  clientKey: string | null;
  occurredAt: Date | null;
  /** The envelope's `content`, already parsed from its JSON string (null when absent or not JSON). */
  content: unknown;
};

export type WebhookEventOutcome = {
  status: 'processed' | 'ignored';
  /** Shown to admins next to the event: what was done, or why nothing was. */
  note: string;
};

/**
 * Handles one event inside the transaction that marks it handled, with the event row locked: a
 * handler's writes and the event's status commit together. Handlers must still be idempotent (an
 * event can be redelivered with different bytes) and must not call slow external APIs here;
 * enqueue a job with `tx` for those.
 */
export type WebhookEventHandler = (tx: Db, event: WebhookEventInput) => Promise<WebhookEventOutcome>;
