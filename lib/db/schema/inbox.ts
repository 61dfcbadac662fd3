import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { mediaObjects } from './media';
import { tiktokAccounts } from './tiktok-accounts';
import { workspaces } from './workspaces';

const at = (name: string) => timestamp(name, { withTimezone: true });
const ms = (name: string) => bigint(name, { mode: 'number' });

export const conversationStatusEnum = pgEnum('inbox_conversation_status', ['open', 'resolved']);
export type ConversationStatus = (typeof conversationStatusEnum.enumValues)[number];

/** `note`: a private note between teammates; it lives in the thread and never goes to TikTok. */
export const messageDirectionEnum = pgEnum('inbox_message_direction', ['inbound', 'outbound', 'note']);
export type MessageDirection = (typeof messageDirectionEnum.enumValues)[number];

export const messageTypeEnum = pgEnum('inbox_message_type', [
  'text',
  'image',
  'share_post',
  'sticker',
  'unsupported',
]);
export type MessageType = (typeof messageTypeEnum.enumValues)[number];

/** Outbound only: `sending` until TikTok answered (or its echo arrived), `read` after the customer's read receipt. */
export const messageStatusEnum = pgEnum('inbox_message_status', ['sending', 'sent', 'read', 'failed']);
export type MessageStatus = (typeof messageStatusEnum.enumValues)[number];

/**
 * One TikTok DM conversation as one workspace sees it: a business account connected to two
 * workspaces gives each its own row (its own assignee, status and unread count).
 */
export const inboxConversations = pgTable(
  'inbox_conversations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => tiktokAccounts.id, { onDelete: 'cascade' }),
    tiktokConversationId: text('tiktok_conversation_id').notNull(),
    customerId: text('customer_id'),
    customerName: text('customer_name'),
    customerAvatarUrl: text('customer_avatar_url'),
    /** TikTok's timestamp of the customer's latest message: the 48-hour window and the budget start here. */
    lastInboundAt: at('last_inbound_at'),
    lastMessageAt: at('last_message_at').notNull().defaultNow(),
    /** Shown in the list; a short plain-text summary of the latest message (notes excluded). */
    lastMessagePreview: text('last_message_preview'),
    lastMessageDirection: messageDirectionEnum('last_message_direction'),
    unreadCount: integer('unread_count').notNull().default(0),
    /** The customer's read receipt (TikTok ms): an echo or a send that lands later is already read. */
    customerReadUpToMs: ms('customer_read_up_to_ms'),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    status: conversationStatusEnum('status').notNull().default('open'),
    resolvedAt: at('resolved_at'),
    /** IMAGE_SEND capability; null until checked. */
    imageSend: boolean('image_send'),
    imageSendCheckedAt: at('image_send_checked_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('inbox_conversations_account_conversation_idx').on(
      table.accountId,
      table.tiktokConversationId,
    ),
    // Keyset pagination of the list per filter: (last_message_at, id) descending. Plain ascending
    // columns on purpose: a backward scan gives `DESC NULLS FIRST`, which is what `ORDER BY … DESC`
    // means; an index declared `DESC NULLS LAST` cannot serve that order.
    index('inbox_conversations_list_idx').on(table.workspaceId, table.status, table.lastMessageAt, table.id),
    index('inbox_conversations_assignee_list_idx').on(
      table.workspaceId,
      table.assigneeId,
      table.status,
      table.lastMessageAt,
      table.id,
    ),
    index('inbox_conversations_account_list_idx').on(
      table.accountId,
      table.status,
      table.lastMessageAt,
      table.id,
    ),
    // Unread counts touch only the (few) unread open conversations.
    index('inbox_conversations_unread_idx')
      .on(table.workspaceId, table.assigneeId)
      .where(sql`${table.unreadCount} > 0 and ${table.status} = 'open'`),
    index('inbox_conversations_customer_search_idx').on(
      table.workspaceId,
      sql`lower(${table.customerName}) text_pattern_ops`,
    ),
  ],
);

export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => inboxConversations.id, { onDelete: 'cascade' }),
    /** Denormalised from the conversation: TikTok's message ids are unique per account. */
    accountId: text('account_id')
      .notNull()
      .references(() => tiktokAccounts.id, { onDelete: 'cascade' }),
    /** Null while our own send has no answer or echo yet, and for notes. */
    tiktokMessageId: text('tiktok_message_id'),
    direction: messageDirectionEnum('direction').notNull(),
    type: messageTypeEnum('type').notNull().default('text'),
    text: text('text'),
    /** The image in our storage (inbound: once downloaded; outbound: the uploaded file). */
    mediaId: text('media_id').references(() => mediaObjects.id, { onDelete: 'set null' }),
    tiktokMediaId: text('tiktok_media_id'),
    sharePostUrl: text('share_post_url'),
    /** The type TikTok named for stickers and unsupported messages. */
    tiktokType: text('tiktok_type'),
    status: messageStatusEnum('status'),
    failureReason: text('failure_reason'),
    /** The send call got no answer (timeout): never re-sent; the echo decides. */
    outcomeUnknown: boolean('outcome_unknown').notNull().default(false),
    sentByUserId: text('sent_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** TikTok's timestamp in ms (our clock for unsent messages and notes): the thread's order. */
    tiktokTimestampMs: ms('tiktok_timestamp_ms').notNull(),
    sentFromTikTokApp: boolean('sent_from_tiktok_app').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('inbox_messages_account_tiktok_id_idx').on(table.accountId, table.tiktokMessageId),
    // Thread pages (newest first, keyset) and the budget count.
    index('inbox_messages_thread_idx').on(table.conversationId, table.tiktokTimestampMs, table.id),
    // Echo reconciliation looks for our own unanswered sends only.
    index('inbox_messages_pending_idx')
      .on(table.conversationId, table.tiktokTimestampMs)
      .where(sql`${table.status} = 'sending'`),
    index('inbox_messages_search_idx').using('gin', sql`to_tsvector('simple', coalesce(${table.text}, ''))`),
  ],
);

/** Canned answers, inserted in the composer by typing `/shortcut`. */
export const inboxSavedReplies = pgTable(
  'inbox_saved_replies',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('inbox_saved_replies_shortcut_idx').on(table.workspaceId, table.shortcut)],
);
