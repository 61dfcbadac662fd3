import 'server-only';
import type { Db } from '@/lib/db/types';
import { handleAuthorizationRemoved } from './handle-authorization-removed';
import type { WebhookEventHandler, WebhookEventInput, WebhookEventOutcome } from './webhook-event-handler';

/**
 * Slot for events a later feature will handle. Until then they are kept and marked `ignored` with
 * this note, not failed: nothing is wrong, and the stored rows can be replayed once it ships.
 */
function awaiting(feature: string): WebhookEventHandler {
  return async () => ({
    status: 'ignored',
    note: `Stored; ${feature} will handle this event once it ships.`,
  });
}

/** Publishing (post status) plugs its handler in here. */
const publishingSlot = awaiting('publishing');
/** The inbox (Business Messaging DMs) plugs its handler in here. */
const inboxSlot = awaiting('the inbox');

/**
 * Every webhook event we act on, by name. Lookups go through `normalizeEventName`, so TikTok's
 * alternative spellings reach the same handler.
 */
export const WEBHOOK_EVENT_HANDLERS: Record<string, WebhookEventHandler> = {
  'authorization.removed': handleAuthorizationRemoved,
  'post.publish.complete': publishingSlot,
  'post.publish.failed': publishingSlot,
  'post.publish.inbox_delivered': publishingSlot,
  'post.publish.publicly_available': publishingSlot,
  'post.publish.no_longer_publicaly_available': publishingSlot,
  im_receive_msg: inboxSlot,
  im_send_msg: inboxSlot,
  im_mark_read_msg: inboxSlot,
};

/**
 * TikTok's docs fixed the typo in `publicly_available` but kept it in
 * `no_longer_publicaly_available`, and an older page spelled the first `publicaly`. We accept
 * both spellings of each and map them to the keys above.
 */
const EVENT_ALIASES: Record<string, string> = {
  'post.publish.publicaly_available': 'post.publish.publicly_available',
  'post.publish.no_longer_publicly_available': 'post.publish.no_longer_publicaly_available',
};

export function normalizeEventName(event: string): string {
  return EVENT_ALIASES[event] ?? event;
}

/** Runs the handler registered for the event; unknown events are ignored with a note, not failed. */
export async function dispatchWebhookEvent(tx: Db, event: WebhookEventInput): Promise<WebhookEventOutcome> {
  const handler = WEBHOOK_EVENT_HANDLERS[normalizeEventName(event.event)];
  if (!handler)
    return { status: 'ignored', note: `Tokdesk does not use "${event.event}" events; stored only.` };
  return handler(tx, event);
}
