import 'server-only';
import type { Db } from '@/lib/db/types';
import type {
  WebhookEventHandler,
  WebhookEventHandlers,
  WebhookEventInput,
  WebhookEventOutcome,
} from './webhook-event-handler';

/**
 * TikTok's docs fixed the typo in `publicly_available` but kept it in
 * `no_longer_publicaly_available`, and an older page spelled the first `publicaly`. We accept
 * both spellings of each and map them to one name.
 */
const EVENT_ALIASES: Record<string, string> = {
  'post.publish.publicaly_available': 'post.publish.publicly_available',
  'post.publish.no_longer_publicly_available': 'post.publish.no_longer_publicaly_available',
};

export function normalizeEventName(event: string): string {
  return EVENT_ALIASES[event] ?? event;
}

/** Every stored spelling that reaches one of these handlers: the names a replay looks for. */
export function receivedNamesFor(handlers: WebhookEventHandlers): string[] {
  const names = new Set(Object.keys(handlers));
  for (const [alias, name] of Object.entries(EVENT_ALIASES)) if (handlers[name]) names.add(alias);
  return [...names];
}

/** Which feature is expected to handle events nobody handles yet; only for the note admins read. */
function awaitedFeature(event: string): string | null {
  if (event.startsWith('post.publish.')) return 'publishing';
  if (event.startsWith('im_')) return 'the inbox';
  return null;
}

/** Joins the domains' handler maps; an event name claimed twice is a programming error. */
export function joinWebhookEventHandlers(...maps: WebhookEventHandlers[]): WebhookEventHandlers {
  const joined: Record<string, WebhookEventHandler> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      const key = normalizeEventName(name);
      if (joined[key]) throw new Error(`Two webhook handlers for "${key}".`);
      joined[key] = handler;
    }
  }
  return joined;
}

/**
 * Runs the handler registered for the event. Without one the event is held, not failed and not
 * dropped: it is replayed when a deploy registers a handler for it.
 */
export async function dispatchWebhookEvent(
  tx: Db,
  event: WebhookEventInput,
  handlers: WebhookEventHandlers,
): Promise<WebhookEventOutcome> {
  const name = normalizeEventName(event.event);
  const handler = handlers[name];
  if (handler) return handler(tx, event);
  const feature = awaitedFeature(name);
  return {
    status: 'held',
    note: feature
      ? `Kept until ${feature} handles "${event.event}" events; it runs then.`
      : `Tokdesk does not handle "${event.event}" events yet; kept, and run if a later version does.`,
  };
}
