import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { and, eq, isNull } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { inboxConversations, inboxMessages, mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { storeMedia } from '@/lib/media/store-media';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { fetchMessageMedia, getMessageMediaUrl } from '@/lib/tiktok/business-messaging/messages';

const INBOUND_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/**
 * The `inbox.download-media` job: a customer's image, fetched once through TikTok's media download
 * API into our storage and linked to the message. A run that fails midway leaves nothing behind
 * (storeMedia keeps neither bytes nor row), so a retry stores exactly one object.
 */
export async function downloadDmMedia(
  db: Db,
  storage: ObjectStorage,
  { messageId, signal }: { messageId: string; signal?: AbortSignal },
) {
  const [row] = await db
    .select({ message: inboxMessages, conversation: inboxConversations })
    .from(inboxMessages)
    .innerJoin(inboxConversations, eq(inboxConversations.id, inboxMessages.conversationId))
    .where(eq(inboxMessages.id, messageId));
  if (!row || row.message.mediaId || !row.message.tiktokMediaId || !row.message.tiktokMessageId)
    return { stored: false };
  const { message, conversation } = row;
  const media = await withAccountToken(
    db,
    { workspaceId: message.workspaceId, accountId: message.accountId, kinds: ['business'] },
    async (accessToken, account) => {
      const url = await getMessageMediaUrl({
        accessToken,
        businessId: account.tiktokId,
        conversationId: conversation.tiktokConversationId,
        messageId: message.tiktokMessageId!,
        mediaId: message.tiktokMediaId!,
        signal,
      });
      const response = await fetchMessageMedia(url, accessToken, signal);
      const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const contentType = INBOUND_TYPES.includes(declared) ? declared : 'image/jpeg';
      return storeMedia(db, storage, {
        workspaceId: message.workspaceId,
        purpose: 'dm_inbound',
        fileName: `tiktok-${message.tiktokMessageId}.${contentType.split('/')[1]}`,
        contentType,
        body: Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>),
        signal,
      });
    },
  );
  const linked = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(inboxMessages)
      .set({ mediaId: media.id })
      .where(and(eq(inboxMessages.id, message.id), isNull(inboxMessages.mediaId)))
      .returning({ id: inboxMessages.id });
    if (updated) {
      await publishLiveEvent(tx, {
        workspaceId: message.workspaceId,
        type: 'inbox.conversation.updated',
        data: { conversationId: message.conversationId },
      });
    }
    return Boolean(updated);
  });
  // Another run linked one first: keep exactly one object.
  if (!linked) {
    await storage.delete(media.key);
    await db.delete(mediaObjects).where(eq(mediaObjects.id, media.id));
  }
  return { stored: linked, mediaId: media.id };
}
