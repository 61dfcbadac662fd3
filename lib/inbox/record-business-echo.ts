import 'server-only';
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { type DmMessageContent, previewOf, toStoredDm } from './dm-content';
import { touchConversation } from './touch-conversation';
import { findInboxAccounts, upsertConversation } from './upsert-conversation';

/**
 * `im_send_msg`: the business sent a message, from Tokdesk or typed in the TikTok app. Our own
 * sends are rows inserted as `sending` before the call: the echo claims the oldest unanswered one
 * with the same content (it may arrive before the send call returns), so nothing is stored twice.
 * A send we gave up on (no answer, then no echo in time) is claimed as well: the late echo proves
 * it went out. Anything else was typed in the TikTok app and is stored as such.
 */
export async function recordBusinessEcho(tx: Db, businessId: string, content: DmMessageContent) {
  const accounts = await findInboxAccounts(tx, businessId);
  const dm = toStoredDm(content);
  let stored = 0;
  for (const account of accounts) {
    const conversation = await upsertConversation(tx, {
      account,
      tiktokConversationId: content.conversation_id,
      customerId: content.to_user?.id ?? null,
      customerName: content.to ?? null,
      atMs: content.timestamp,
    });
    const [known] = await tx
      .select({ id: inboxMessages.id })
      .from(inboxMessages)
      .where(
        and(eq(inboxMessages.accountId, account.id), eq(inboxMessages.tiktokMessageId, content.message_id)),
      );
    if (known) continue;
    const status = readAt(conversation.customerReadUpToMs, content.timestamp) ? 'read' : 'sent';
    const [pending] = await tx
      .select({ id: inboxMessages.id })
      .from(inboxMessages)
      .where(
        and(
          eq(inboxMessages.conversationId, conversation.id),
          eq(inboxMessages.direction, 'outbound'),
          isNull(inboxMessages.tiktokMessageId),
          eq(inboxMessages.type, dm.type),
          dm.type === 'text' ? eq(inboxMessages.text, dm.text ?? '') : undefined,
          or(
            eq(inboxMessages.status, 'sending'),
            and(eq(inboxMessages.status, 'failed'), eq(inboxMessages.outcomeUnknown, true)),
          ),
        ),
      )
      .orderBy(asc(inboxMessages.tiktokTimestampMs), asc(inboxMessages.id))
      .limit(1)
      .for('update');
    if (pending) {
      await tx
        .update(inboxMessages)
        .set({
          tiktokMessageId: content.message_id,
          tiktokTimestampMs: content.timestamp,
          status,
          failureReason: null,
          outcomeUnknown: false,
        })
        .where(eq(inboxMessages.id, pending.id));
      await publishLiveEvent(tx, {
        workspaceId: account.workspaceId,
        type: 'inbox.message.updated',
        data: { conversationId: conversation.id, messageId: pending.id, status },
      });
      continue;
    }
    const [message] = await tx
      .insert(inboxMessages)
      .values({
        workspaceId: account.workspaceId,
        conversationId: conversation.id,
        accountId: account.id,
        tiktokMessageId: content.message_id,
        direction: 'outbound',
        ...dm,
        status,
        tiktokTimestampMs: content.timestamp,
        sentFromTikTokApp: true,
      })
      .onConflictDoNothing({ target: [inboxMessages.accountId, inboxMessages.tiktokMessageId] })
      .returning({ id: inboxMessages.id });
    if (!message) continue;
    stored++;
    await touchConversation(tx, conversation.id, content.timestamp, previewOf(dm), 'outbound');
    await publishLiveEvent(tx, {
      workspaceId: account.workspaceId,
      type: 'inbox.message.created',
      data: { conversationId: conversation.id, messageId: message.id, direction: 'outbound' },
    });
  }
  return { accounts: accounts.length, stored };
}

export function readAt(readUpToMs: number | null, timestampMs: number): boolean {
  return readUpToMs !== null && timestampMs <= readUpToMs;
}
