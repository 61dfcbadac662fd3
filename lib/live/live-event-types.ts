import { z } from 'zod';

/**
 * Every live event type and the shape of its `data`: ids and the changed fields, never secrets or
 * whole rows. Strict objects, so a stray field (a token, a message body) fails the publishing
 * transaction instead of reaching browsers. Client-safe: the browser imports the types only.
 *
 * A feature adds its types here (`inbox.message.created`, `post.stage_changed`, …) and publishes
 * them with `publishLiveEvent(tx, …)` in the transaction of the change.
 */
export const LIVE_EVENT_TYPES = {
  /** An account was connected, or reconnected (it is active again). */
  'account.connected': z.strictObject({
    accountId: z.string(),
    kind: z.enum(['creator', 'business', 'ads']),
  }),
  /** An account's status moved (disconnected, needs reconnecting). */
  'account.status_changed': z.strictObject({
    accountId: z.string(),
    status: z.enum(['active', 'needs_reconnect', 'disconnected']),
    reason: z.string().max(64).nullable(),
  }),
  /** Someone left or was removed: their open streams end. */
  'member.removed': z.strictObject({ userId: z.string() }),
  'member.role_changed': z.strictObject({
    userId: z.string(),
    role: z.enum(['owner', 'admin', 'agent']),
  }),
  /** Inbox: a message arrived, was sent from Tokdesk or the TikTok app, or a note was added. */
  'inbox.message.created': z.strictObject({
    conversationId: z.string(),
    messageId: z.string(),
    direction: z.enum(['inbound', 'outbound', 'note']),
  }),
  /** Inbox: an outbound message's status moved (sending → sent → read, or failed). */
  'inbox.message.updated': z.strictObject({
    conversationId: z.string(),
    messageId: z.string(),
    status: z.enum(['sending', 'sent', 'read', 'failed']),
  }),
  /** Inbox: assignee, open/resolved, unread count or capability changed. */
  'inbox.conversation.updated': z.strictObject({ conversationId: z.string() }),
  /** Inbox: a teammate is writing a reply in this conversation (sent every few seconds while typing). */
  'inbox.replying': z.strictObject({
    conversationId: z.string(),
    userId: z.string(),
    userName: z.string().max(80),
  }),
  /** A report run moved: an account started, finished or failed, or the whole run ended. */
  'report.progress': z.strictObject({
    runId: z.string(),
    accountId: z.string().nullable(),
    status: z.enum(['pending', 'running', 'succeeded', 'partial', 'failed']),
    done: z.number().int(),
    total: z.number().int(),
  }),
  /** One account's copy of a post moved (stage, upload progress): the posts page refetches it. */
  'post.target_changed': z.strictObject({
    postId: z.string(),
    targetId: z.string(),
    stage: z.string().max(32),
    uploadedPercent: z.number().min(0).max(100).nullable(),
  }),
  /** A post was created, edited, cancelled or deleted. */
  'post.changed': z.strictObject({ postId: z.string() }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type LiveEventType = keyof typeof LIVE_EVENT_TYPES;
export type LiveEventData<T extends LiveEventType> = z.output<(typeof LIVE_EVENT_TYPES)[T]>;

/** One event as the stream and the polling endpoint send it. `cursor` resumes right after it. */
export type LiveEvent<T extends LiveEventType = LiveEventType> = {
  [K in T]: { cursor: string; type: K; data: LiveEventData<K>; at: string };
}[T];

/** What the polling endpoint answers. `reset`: events were missed (too old), reload your state. */
export type LivePollResponse = { events: LiveEvent[]; cursor: string; reset: boolean };

export function isLiveEventType(type: string): type is LiveEventType {
  return Object.hasOwn(LIVE_EVENT_TYPES, type);
}
