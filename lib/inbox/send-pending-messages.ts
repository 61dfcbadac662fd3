import 'server-only';
import { buffer } from 'node:stream/consumers';
import { eq, inArray } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { inboxConversations, inboxMessages, mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isAppError } from '@/lib/errors/app-error';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { sendBusinessMessage, uploadMessageImage } from '@/lib/tiktok/business-messaging/messages';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { applySendResult } from './apply-send-result';
import { confirmSendJob } from './jobs';
import { markSendFailed } from './mark-send-failed';

/** How long a send without an answer waits for its echo before it is reported failed. */
export const SEND_CONFIRM_GRACE_MS = 2 * 60_000;

export type SendPendingOptions = {
  storage: ObjectStorage;
  attempt: number;
  maxAttempts: number;
  signal?: AbortSignal;
};

/**
 * The `inbox.send-messages` job: sends our `sending` rows in order. Each row is sent at most once:
 * a call that may have reached TikTok (timeout, broken connection) is never repeated; the row
 * waits for its `im_send_msg` echo and a later check fails it with a clear reason if none comes.
 * Only errors that prove nothing was sent (TikTok busy, unreachable before connecting) are retried.
 */
export async function sendPendingMessages(
  db: Db,
  { conversationId, messageIds }: { conversationId: string; messageIds: string[] },
  options: SendPendingOptions,
) {
  const [conversation] = await db
    .select()
    .from(inboxConversations)
    .where(eq(inboxConversations.id, conversationId));
  if (!conversation) return { sent: 0 };
  const rows = await db.select().from(inboxMessages).where(inArray(inboxMessages.id, messageIds));
  let sent = 0;
  for (const id of messageIds) {
    const message = rows.find((row) => row.id === id);
    if (message?.status !== 'sending' || message.tiktokMessageId || message.outcomeUnknown) continue;
    try {
      const result = await withAccountToken(
        db,
        { workspaceId: conversation.workspaceId, accountId: conversation.accountId, kinds: ['business'] },
        async (accessToken, account) => {
          if (message.type === 'text') {
            return sendBusinessMessage({
              accessToken,
              businessId: account.tiktokId,
              conversationId: conversation.tiktokConversationId,
              message: { type: 'TEXT', text: message.text ?? '' },
              signal: options.signal,
            });
          }
          const image = await readImage(db, options.storage, message.mediaId);
          const { mediaId } = await uploadMessageImage({
            accessToken,
            businessId: account.tiktokId,
            ...image,
            signal: options.signal,
          });
          return sendBusinessMessage({
            accessToken,
            businessId: account.tiktokId,
            conversationId: conversation.tiktokConversationId,
            message: { type: 'IMAGE', mediaId },
            signal: options.signal,
          });
        },
      );
      await applySendResult(db, message.id, result.messageId);
      sent++;
    } catch (error) {
      if (error instanceof TryLaterError) throw error;
      if (isTikTokApiError(error) && error.outcomeUnknown) {
        await db.transaction(async (tx) => {
          await tx
            .update(inboxMessages)
            .set({ outcomeUnknown: true })
            .where(eq(inboxMessages.id, message.id));
          await enqueueJob(
            tx,
            confirmSendJob,
            { messageId: message.id },
            { delayMs: SEND_CONFIRM_GRACE_MS, workspaceId: conversation.workspaceId },
          );
        });
        continue;
      }
      const retry = isTikTokApiError(error) && error.retryable && options.attempt < options.maxAttempts;
      if (retry) throw error;
      await markSendFailed(db, message.id, describeSendError(error));
    }
  }
  return { sent };
}

async function readImage(db: Db, storage: ObjectStorage, mediaId: string | null) {
  const [media] = mediaId ? await db.select().from(mediaObjects).where(eq(mediaObjects.id, mediaId)) : [];
  if (!media) throw new Error('The image was deleted before it could be sent.');
  const object = await storage.get(media.key);
  return {
    bytes: new Uint8Array(await buffer(object.body)),
    contentType: media.contentType,
    fileName: media.fileName,
  };
}

/** TikTok's own reason where there is one, in words an agent can act on. */
export function describeSendError(error: unknown): string {
  if (isTikTokApiError(error)) {
    const text = error.message.replace(/^TikTok \S+ \S+: /, '');
    return `TikTok refused the message: ${text} (code ${error.code}).`;
  }
  if (isAppError(error)) return error.message;
  return error instanceof Error ? error.message : 'The message could not be sent.';
}
