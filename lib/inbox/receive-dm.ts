import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { inboxConversations, inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { type DmMessageContent, previewOf, toStoredDm } from './dm-content';
import { checkConversationCapabilitiesJob, downloadDmMediaJob } from './jobs';
import { findInboxAccounts, upsertConversation } from './upsert-conversation';

/**
 * `im_receive_msg`: a customer wrote. Per connected workspace: the conversation is created when
 * new, the message stored once (TikTok's id is unique per account), and only an actual insert
 * bumps the unread count, moves the window and reopens a resolved conversation, so a redelivery
 * changes nothing. An older message delivered late lands in its place in the thread (ordered by
 * TikTok's timestamp) without taking over the preview.
 */
export async function receiveDm(tx: Db, businessId: string, content: DmMessageContent) {
  const accounts = await findInboxAccounts(tx, businessId);
  const dm = toStoredDm(content);
  const at = new Date(content.timestamp);
  let inserted = 0;
  for (const account of accounts) {
    const conversation = await upsertConversation(tx, {
      account,
      tiktokConversationId: content.conversation_id,
      customerId: content.from_user?.id ?? null,
      customerName: content.from ?? null,
      atMs: content.timestamp,
    });
    const [message] = await tx
      .insert(inboxMessages)
      .values({
        workspaceId: account.workspaceId,
        conversationId: conversation.id,
        accountId: account.id,
        tiktokMessageId: content.message_id,
        direction: 'inbound',
        ...dm,
        tiktokTimestampMs: content.timestamp,
      })
      .onConflictDoNothing({ target: [inboxMessages.accountId, inboxMessages.tiktokMessageId] })
      .returning({ id: inboxMessages.id });
    if (conversation.created) {
      await enqueueJob(
        tx,
        checkConversationCapabilitiesJob,
        { conversationId: conversation.id },
        { workspaceId: account.workspaceId },
      );
    }
    if (!message) continue;
    inserted++;
    const newer = sql`${at.toISOString()}::timestamptz >= ${inboxConversations.lastMessageAt}`;
    await tx
      .update(inboxConversations)
      .set({
        unreadCount: sql`${inboxConversations.unreadCount} + 1`,
        lastInboundAt: sql`greatest(${inboxConversations.lastInboundAt}, ${at.toISOString()}::timestamptz)`,
        lastMessageAt: sql`greatest(${inboxConversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
        lastMessagePreview: sql`case when ${newer} then ${previewOf(dm)} else ${inboxConversations.lastMessagePreview} end`,
        lastMessageDirection: sql`case when ${newer} then 'inbound'::inbox_message_direction else ${inboxConversations.lastMessageDirection} end`,
        status: 'open',
        resolvedAt: null,
      })
      .where(eq(inboxConversations.id, conversation.id));
    if (dm.type === 'image' && dm.tiktokMediaId) {
      await enqueueJob(
        tx,
        downloadDmMediaJob,
        { messageId: message.id },
        { workspaceId: account.workspaceId },
      );
    }
    await publishLiveEvent(tx, {
      workspaceId: account.workspaceId,
      type: 'inbox.message.created',
      data: { conversationId: conversation.id, messageId: message.id, direction: 'inbound' },
    });
  }
  return { accounts: accounts.length, inserted };
}
