import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxMessages, mediaObjects, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { nowMs } from '@/lib/time/clock';
import { countSentSinceInbound } from './count-sent-since-inbound';
import { getConversationOrThrow } from './get-conversation-or-throw';
import { sendMessagesJob } from './jobs';
import { countTextChars, IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_TEXT_CHARS, replyState } from './reply-rules';
import { touchConversation } from './touch-conversation';

export type SendReplyInput = {
  workspaceId: string;
  userId: string;
  conversationId: string;
  text?: string | null;
  /** A `dm_image` media object uploaded by a member of this workspace. */
  imageMediaId?: string | null;
};

/**
 * A reply from an agent: text, one image, or both, which TikTok takes as two messages (text first).
 * The rules are checked here, under the conversation's lock, whatever the composer showed: the
 * customer wrote in the last 48 hours, the budget of messages before they answer is not spent,
 * text ≤ 6000 characters, JPEG/PNG ≤ 3 MB where the conversation accepts images. The rows are
 * stored as `sending` and a job (started at once) sends them.
 */
export async function sendReply(db: Db, input: SendReplyInput) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  const text = input.text?.trim() ? input.text : null;
  if (!text && !input.imageMediaId)
    throw new AppError({ code: 'bad_request', message: 'Write a message or attach an image.' });
  if (text && countTextChars(text) > MAX_TEXT_CHARS)
    throw new AppError({
      code: 'unprocessable_entity',
      message: `TikTok messages can be at most ${MAX_TEXT_CHARS} characters; this one has ${countTextChars(text)}.`,
    });
  return db.transaction(async (tx) => {
    const conversation = await getConversationOrThrow(tx, { ...input, lock: true });
    const [account] = await tx
      .select({ status: tiktokAccounts.status })
      .from(tiktokAccounts)
      .where(eq(tiktokAccounts.id, conversation.accountId));
    if (account?.status !== 'active')
      throw new AppError({
        code: 'account_needs_reconnect',
        message: 'This business account needs to be reconnected before you can reply.',
      });
    const image = input.imageMediaId ? await checkImage(tx, input.workspaceId, input.imageMediaId) : null;
    if (image && conversation.imageSend === false)
      throw new AppError({
        code: 'unprocessable_entity',
        message: 'This conversation cannot receive images.',
      });
    const now = nowMs();
    const sent = await countSentSinceInbound(tx, conversation.id, conversation.lastInboundAt);
    const state = replyState({
      lastInboundAtMs: conversation.lastInboundAt?.getTime() ?? null,
      sentSinceInbound: sent,
      nowMs: now,
    });
    if (!state.canReply) throw new AppError({ code: 'unprocessable_entity', message: state.reason! });
    const parts = (text ? 1 : 0) + (image ? 1 : 0);
    if (parts > state.messagesLeft)
      throw new AppError({
        code: 'unprocessable_entity',
        message: `Only ${state.messagesLeft} message left before the customer answers: send the text or the image.`,
      });
    const rows = [
      ...(text ? [{ type: 'text' as const, text, mediaId: null }] : []),
      ...(image ? [{ type: 'image' as const, text: null, mediaId: image.id }] : []),
    ].map((part, i) => ({
      ...part,
      workspaceId: input.workspaceId,
      conversationId: conversation.id,
      accountId: conversation.accountId,
      direction: 'outbound' as const,
      status: 'sending' as const,
      sentByUserId: input.userId,
      tiktokTimestampMs: now + i,
    }));
    const messages = await tx.insert(inboxMessages).values(rows).returning();
    const last = messages.at(-1)!;
    await touchConversation(
      tx,
      conversation.id,
      last.tiktokTimestampMs,
      last.type === 'text' ? (last.text ?? '').slice(0, 140) : 'Photo',
      'outbound',
    );
    await enqueueJob(
      tx,
      sendMessagesJob,
      { conversationId: conversation.id, messageIds: messages.map((m) => m.id) },
      { startNow: true, workspaceId: input.workspaceId },
    );
    for (const message of messages) {
      await publishLiveEvent(tx, {
        workspaceId: input.workspaceId,
        type: 'inbox.message.created',
        data: { conversationId: conversation.id, messageId: message.id, direction: 'outbound' },
      });
    }
    return messages;
  });
}

async function checkImage(tx: Db, workspaceId: string, mediaId: string) {
  const [media] = await tx
    .select()
    .from(mediaObjects)
    .where(
      and(
        eq(mediaObjects.id, mediaId),
        eq(mediaObjects.workspaceId, workspaceId),
        eq(mediaObjects.status, 'ready'),
      ),
    );
  if (!media) throw new AppError({ code: 'not_found', message: 'This image does not exist.' });
  if (!(IMAGE_TYPES as readonly string[]).includes(media.contentType))
    throw new AppError({ code: 'unprocessable_entity', message: 'TikTok accepts JPEG or PNG images only.' });
  if (media.size > MAX_IMAGE_BYTES)
    throw new AppError({
      code: 'unprocessable_entity',
      message: 'Images sent on TikTok can be at most 3 MB.',
    });
  return media;
}
