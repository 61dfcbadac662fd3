import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { nowMs } from '@/lib/time/clock';
import { countSentSinceInbound } from './count-sent-since-inbound';
import { getConversationOrThrow } from './get-conversation-or-throw';
import { sendMessagesJob } from './jobs';
import { replyState } from './reply-rules';

/** Retry of a failed send, asked for by an agent: the same rules as a new reply, sent at once. */
export async function retryMessage(
  db: Db,
  input: { workspaceId: string; userId: string; conversationId: string; messageId: string },
) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  return db.transaction(async (tx) => {
    const conversation = await getConversationOrThrow(tx, { ...input, lock: true });
    const [message] = await tx
      .select()
      .from(inboxMessages)
      .where(and(eq(inboxMessages.id, input.messageId), eq(inboxMessages.conversationId, conversation.id)))
      .for('update');
    if (message?.direction !== 'outbound' || message.sentFromTikTokApp)
      throw new AppError({ code: 'not_found', message: 'This message does not exist.' });
    if (message.status !== 'failed')
      throw new AppError({ code: 'conflict', message: 'Only failed messages can be retried.' });
    const now = nowMs();
    const sent = await countSentSinceInbound(tx, conversation.id, conversation.lastInboundAt);
    const state = replyState({
      lastInboundAtMs: conversation.lastInboundAt?.getTime() ?? null,
      sentSinceInbound: sent,
      nowMs: now,
    });
    if (!state.canReply) throw new AppError({ code: 'unprocessable_entity', message: state.reason! });
    await tx
      .update(inboxMessages)
      .set({ status: 'sending', failureReason: null, outcomeUnknown: false, tiktokTimestampMs: now })
      .where(eq(inboxMessages.id, message.id));
    await enqueueJob(
      tx,
      sendMessagesJob,
      { conversationId: conversation.id, messageIds: [message.id] },
      { startNow: true, workspaceId: input.workspaceId },
    );
    await publishLiveEvent(tx, {
      workspaceId: input.workspaceId,
      type: 'inbox.message.updated',
      data: { conversationId: conversation.id, messageId: message.id, status: 'sending' },
    });
  });
}
