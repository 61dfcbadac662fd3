import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { inboxConversations, inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { readAt } from './record-business-echo';

/**
 * TikTok accepted our message and gave its id. The echo may have been first and claimed the row
 * already (same id: nothing to do), or, in the rare case of two identical texts in flight, claimed
 * this row for the other one; then this row keeps the echo's id and only leaves `sending`.
 */
export async function applySendResult(db: Db, messageId: string, tiktokMessageId: string) {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.id, messageId))
      .for('update');
    if (!message) return;
    const [conversation] = await tx
      .select({ readUpTo: inboxConversations.customerReadUpToMs })
      .from(inboxConversations)
      .where(eq(inboxConversations.id, message.conversationId));
    const status =
      message.status === 'read' || readAt(conversation?.readUpTo ?? null, message.tiktokTimestampMs)
        ? 'read'
        : 'sent';
    if (message.tiktokMessageId === null) {
      // An echo stored as a separate row before we could claim it (it found no pending match).
      await tx
        .delete(inboxMessages)
        .where(
          and(
            eq(inboxMessages.accountId, message.accountId),
            eq(inboxMessages.tiktokMessageId, tiktokMessageId),
            ne(inboxMessages.id, message.id),
          ),
        );
    }
    await tx
      .update(inboxMessages)
      .set({
        tiktokMessageId: message.tiktokMessageId ?? tiktokMessageId,
        status,
        failureReason: null,
        outcomeUnknown: false,
      })
      .where(eq(inboxMessages.id, message.id));
    if (status !== message.status) {
      await publishLiveEvent(tx, {
        workspaceId: message.workspaceId,
        type: 'inbox.message.updated',
        data: { conversationId: message.conversationId, messageId: message.id, status },
      });
    }
  });
}
