import 'server-only';
import { eq } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { inboxConversations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { getImageSendCapability } from '@/lib/tiktok/business-messaging/messages';
import { now } from '@/lib/time/clock';

/** The `inbox.check-capabilities` job: stores IMAGE_SEND and when it was checked; the composer hides the image button when false. */
export async function checkConversationCapabilities(db: Db, conversationId: string) {
  const [conversation] = await db
    .select()
    .from(inboxConversations)
    .where(eq(inboxConversations.id, conversationId));
  if (!conversation) return { imageSend: null };
  const imageSend = await withAccountToken(
    db,
    { workspaceId: conversation.workspaceId, accountId: conversation.accountId, kinds: ['business'] },
    (accessToken, account) =>
      getImageSendCapability({
        accessToken,
        businessId: account.tiktokId,
        conversationId: conversation.tiktokConversationId,
      }),
  );
  await db.transaction(async (tx) => {
    await tx
      .update(inboxConversations)
      .set({ imageSend, imageSendCheckedAt: now() })
      .where(eq(inboxConversations.id, conversationId));
    await publishLiveEvent(tx, {
      workspaceId: conversation.workspaceId,
      type: 'inbox.conversation.updated',
      data: { conversationId },
    });
  });
  return { imageSend };
}
