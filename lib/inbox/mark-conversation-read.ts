import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxConversations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';

/** An agent opened the conversation: its unread count goes to zero for the whole team. */
export async function markConversationRead(
  db: Db,
  input: { workspaceId: string; userId: string; conversationId: string },
) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(inboxConversations)
      .set({ unreadCount: 0 })
      .where(
        and(
          eq(inboxConversations.id, input.conversationId),
          eq(inboxConversations.workspaceId, input.workspaceId),
          gt(inboxConversations.unreadCount, 0),
        ),
      )
      .returning({ id: inboxConversations.id });
    if (!updated) return;
    await publishLiveEvent(tx, {
      workspaceId: input.workspaceId,
      type: 'inbox.conversation.updated',
      data: { conversationId: input.conversationId },
    });
  });
}
