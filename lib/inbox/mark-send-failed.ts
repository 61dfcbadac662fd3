import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';

/** Marks one of our sends failed with the reason shown next to Retry; a row TikTok confirmed meanwhile stays. */
export async function markSendFailed(
  db: Db,
  messageId: string,
  reason: string,
  { outcomeUnknown = false }: { outcomeUnknown?: boolean } = {},
) {
  await db.transaction(async (tx) => {
    const [failed] = await tx
      .update(inboxMessages)
      .set({ status: 'failed', failureReason: reason.slice(0, 500), outcomeUnknown })
      .where(
        and(
          eq(inboxMessages.id, messageId),
          eq(inboxMessages.status, 'sending'),
          isNull(inboxMessages.tiktokMessageId),
        ),
      )
      .returning({ workspaceId: inboxMessages.workspaceId, conversationId: inboxMessages.conversationId });
    if (!failed) return;
    await publishLiveEvent(tx, {
      workspaceId: failed.workspaceId,
      type: 'inbox.message.updated',
      data: { conversationId: failed.conversationId, messageId, status: 'failed' },
    });
  });
}
