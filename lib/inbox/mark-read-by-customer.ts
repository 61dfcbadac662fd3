import 'server-only';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { inboxConversations, inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { findInboxAccounts } from './upsert-conversation';

const MAX_MESSAGE_EVENTS = 20;

/**
 * `im_mark_read_msg`: the customer read the conversation up to a time (TikTok ms). Our messages
 * sent up to then become read (compared in milliseconds), and the time is kept on the conversation
 * so a send or echo that lands after the receipt is stored as read straight away.
 */
export async function markReadByCustomer(
  tx: Db,
  businessId: string,
  input: { conversationId: string; lastReadMs: number },
) {
  const accounts = await findInboxAccounts(tx, businessId);
  let conversations = 0;
  let messages = 0;
  for (const account of accounts) {
    const [conversation] = await tx
      .update(inboxConversations)
      .set({
        customerReadUpToMs: sql`greatest(coalesce(${inboxConversations.customerReadUpToMs}, 0), ${input.lastReadMs})`,
      })
      .where(
        and(
          eq(inboxConversations.accountId, account.id),
          eq(inboxConversations.tiktokConversationId, input.conversationId),
        ),
      )
      .returning({ id: inboxConversations.id });
    if (!conversation) continue;
    conversations++;
    const read = await tx
      .update(inboxMessages)
      .set({ status: 'read' })
      .where(
        and(
          eq(inboxMessages.conversationId, conversation.id),
          eq(inboxMessages.direction, 'outbound'),
          inArray(inboxMessages.status, ['sent']),
          lte(inboxMessages.tiktokTimestampMs, input.lastReadMs),
        ),
      )
      .returning({ id: inboxMessages.id });
    messages += read.length;
    if (read.length > MAX_MESSAGE_EVENTS || read.length === 0) {
      await publishLiveEvent(tx, {
        workspaceId: account.workspaceId,
        type: 'inbox.conversation.updated',
        data: { conversationId: conversation.id },
      });
      continue;
    }
    for (const message of read) {
      await publishLiveEvent(tx, {
        workspaceId: account.workspaceId,
        type: 'inbox.message.updated',
        data: { conversationId: conversation.id, messageId: message.id, status: 'read' },
      });
    }
  }
  return { conversations, messages };
}
