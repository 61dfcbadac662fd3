import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows-of';
import { inboxConversations, inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { liveEventCte } from '@/lib/live/publish-live-event';
import { type DmMessageContent, previewOf, type StoredDm, toStoredDm } from './dm-content';
import { checkConversationCapabilitiesJob, downloadDmMediaJob } from './jobs';
import { type BusinessConversation, upsertBusinessConversations } from './upsert-conversation';

/**
 * `im_receive_msg`: a customer wrote. Per connected workspace: the conversation is created when
 * new, the message stored once (TikTok's id is unique per account), and only an actual insert
 * bumps the unread count, moves the window and reopens a resolved conversation, so a redelivery
 * changes nothing. An older message delivered late lands in its place in the thread (ordered by
 * TikTok's timestamp) without taking over the preview.
 *
 * Two statements per workspace, as this runs for every DM at webhook volume: the conversations of
 * all workspaces at once, then per workspace the message, the conversation's bump and the live
 * event together, each part conditional on the message having been inserted.
 */
export async function receiveDm(tx: Db, businessId: string, content: DmMessageContent) {
  const conversations = await upsertBusinessConversations(tx, businessId, {
    tiktokConversationId: content.conversation_id,
    customerId: content.from_user?.id ?? null,
    customerName: content.from ?? null,
    atMs: content.timestamp,
  });
  const dm = toStoredDm(content);
  let inserted = 0;
  for (const conversation of conversations) {
    if (conversation.created) {
      await enqueueJob(
        tx,
        checkConversationCapabilitiesJob,
        { conversationId: conversation.conversationId },
        { workspaceId: conversation.workspaceId },
      );
    }
    const messageId = await insertInboundMessage(tx, conversation, content, dm);
    if (!messageId) continue;
    inserted++;
    if (dm.type === 'image' && dm.tiktokMediaId) {
      await enqueueJob(tx, downloadDmMediaJob, { messageId }, { workspaceId: conversation.workspaceId });
    }
  }
  return { accounts: conversations.length, inserted };
}

/** The message's id, or null when it was stored before (a redelivery: nothing else changes either). */
async function insertInboundMessage(
  tx: Db,
  conversation: BusinessConversation,
  content: DmMessageContent,
  dm: StoredDm,
): Promise<string | null> {
  const id = crypto.randomUUID();
  const at = new Date(content.timestamp).toISOString();
  const insertMessage = tx
    .insert(inboxMessages)
    .values({
      id,
      workspaceId: conversation.workspaceId,
      conversationId: conversation.conversationId,
      accountId: conversation.id,
      tiktokMessageId: content.message_id,
      direction: 'inbound',
      ...dm,
      tiktokTimestampMs: content.timestamp,
    })
    .onConflictDoNothing({ target: [inboxMessages.accountId, inboxMessages.tiktokMessageId] })
    .returning({ id: inboxMessages.id });
  const newer = sql`${at}::timestamptz >= ${inboxConversations.lastMessageAt}`;
  const bumpConversation = tx
    .update(inboxConversations)
    .set({
      unreadCount: sql`${inboxConversations.unreadCount} + 1`,
      lastInboundAt: sql`greatest(${inboxConversations.lastInboundAt}, ${at}::timestamptz)`,
      lastMessageAt: sql`greatest(${inboxConversations.lastMessageAt}, ${at}::timestamptz)`,
      lastMessagePreview: sql`case when ${newer} then ${previewOf(dm)} else ${inboxConversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${newer} then 'inbound'::inbox_message_direction else ${inboxConversations.lastMessageDirection} end`,
      status: 'open',
      resolvedAt: null,
    })
    .where(and(eq(inboxConversations.id, conversation.conversationId), sql`exists (select 1 from message)`));
  const live = liveEventCte(
    {
      workspaceId: conversation.workspaceId,
      type: 'inbox.message.created',
      data: { conversationId: conversation.conversationId, messageId: id, direction: 'inbound' },
    },
    'message',
  );
  // Data-modifying CTEs always run to completion; the bump and the event check `message` themselves.
  const result = await tx.execute(sql`
    with message as (${insertMessage.getSQL()}),
    bumped as (${bumpConversation.getSQL()}),
    ${live}
    select id from message`);
  return rowsOf<{ id: string }>(result)[0]?.id ?? null;
}
