import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { type ConversationStatus, inboxConversations, memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now } from '@/lib/time/clock';
import { getConversationOrThrow } from './get-conversation-or-throw';

export type UpdateConversationInput = {
  workspaceId: string;
  userId: string;
  conversationId: string;
  /** A member of this workspace, or null to unassign. */
  assigneeId?: string | null;
  status?: ConversationStatus;
};

/** Assign (to anyone in the workspace, or nobody), resolve or reopen. Every member may. */
export async function updateConversation(db: Db, input: UpdateConversationInput) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  return db.transaction(async (tx) => {
    await getConversationOrThrow(tx, { ...input, lock: true });
    const set: Partial<typeof inboxConversations.$inferInsert> = {};
    if (input.assigneeId !== undefined) {
      if (input.assigneeId !== null) {
        const [member] = await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(
            and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.userId, input.assigneeId)),
          );
        if (!member)
          throw new AppError({
            code: 'bad_request',
            message: 'Assign the conversation to a member of this workspace.',
          });
      }
      set.assigneeId = input.assigneeId;
    }
    if (input.status) {
      set.status = input.status;
      set.resolvedAt = input.status === 'resolved' ? now() : null;
    }
    if (Object.keys(set).length === 0) return;
    await tx.update(inboxConversations).set(set).where(eq(inboxConversations.id, input.conversationId));
    await publishLiveEvent(tx, {
      workspaceId: input.workspaceId,
      type: 'inbox.conversation.updated',
      data: { conversationId: input.conversationId },
    });
  });
}
