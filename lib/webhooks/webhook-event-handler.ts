import type { WebhookSource } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type WebhookEventInput = {
  id: string;
  source: WebhookSource;
  /** The name as received; handler lookup uses the normalised spelling. */
  event: string;
  userOpenId: string | null;
  clientKey: string | null;
  occurredAt: Date | null;
  /** The envelope's `content`, already parsed from its JSON string (null when absent or not JSON). */
  content: unknown;
};

export type WebhookEventOutcome = {
  /** `held`: no handler in this deploy; the event is kept and replayed once one is registered. */
  status: 'processed' | 'ignored' | 'held';
  /** Shown to admins next to the event: what was done, or why nothing was. */
  note: string;
};

/**
 * Handles one event inside the transaction that marks it handled, with the event row locked: a
 * handler's writes and the event's status commit together. Handlers must still be idempotent (an
 * event can be redelivered with different bytes, and held events are replayed) and must not call
 * slow external APIs here; enqueue a job with `tx` for those. A `TryLaterError` thrown here
 * snoozes the event's job without using up an attempt.
 */
export type WebhookEventHandler = (tx: Db, event: WebhookEventInput) => Promise<WebhookEventOutcome>;

/**
 * A domain's handlers by event name (TikTok's spelling), e.g. the inbox's `im_receive_msg`. Each
 * domain exports one such map from `lib/<domain>/webhook-handlers.ts`; `lib/job-handlers` joins them.
 */
export type WebhookEventHandlers = Readonly<Record<string, WebhookEventHandler>>;
