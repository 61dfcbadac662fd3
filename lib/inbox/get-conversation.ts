import 'server-only';
import { eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { tiktokAccounts, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import { countSentSinceInbound } from './count-sent-since-inbound';
import { getConversationOrThrow } from './get-conversation-or-throw';
import { replyState } from './reply-rules';

/** The thread's header and composer state: who, which account, assignee, window and budget. */
export async function getConversation(
  db: Db,
  input: { workspaceId: string; userId: string; conversationId: string },
) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  const conversation = await getConversationOrThrow(db, input);
  const [account] = await db
    .select({
      username: tiktokAccounts.username,
      displayName: tiktokAccounts.displayName,
      status: tiktokAccounts.status,
    })
    .from(tiktokAccounts)
    .where(eq(tiktokAccounts.id, conversation.accountId));
  const [assignee] = conversation.assigneeId
    ? await db
        .select({ name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, conversation.assigneeId))
    : [];
  const sent = await countSentSinceInbound(db, conversation.id, conversation.lastInboundAt);
  const now = nowMs();
  const reply = replyState({
    lastInboundAtMs: conversation.lastInboundAt?.getTime() ?? null,
    sentSinceInbound: sent,
    nowMs: now,
  });
  const accountActive = account?.status === 'active';
  return {
    id: conversation.id,
    tiktokConversationId: conversation.tiktokConversationId,
    customerName: conversation.customerName,
    customerAvatarUrl: conversation.customerAvatarUrl,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    assigneeName: assignee ? (assignee.name ?? assignee.email) : null,
    unreadCount: conversation.unreadCount,
    imageSend: conversation.imageSend,
    accountName: account?.displayName ?? account?.username ?? 'TikTok account',
    accountUsername: account?.username ?? null,
    nowMs: now,
    reply: accountActive
      ? reply
      : {
          ...reply,
          canReply: false,
          reason: 'This business account must be reconnected before you can reply.',
        },
  };
}

export type ConversationView = Awaited<ReturnType<typeof getConversation>>;
