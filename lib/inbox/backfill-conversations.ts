import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { inboxConversations, inboxMessages, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import {
  type HistoryMessage,
  listBusinessConversations,
  listConversationMessages,
} from '@/lib/tiktok/business-messaging/messages';
import { previewOf, type StoredDm, toStoredDm } from './dm-content';
import { downloadDmMediaJob } from './jobs';
import { upsertConversation } from './upsert-conversation';

const CONVERSATIONS = 20;
const MESSAGES = 50;

/**
 * The `inbox.backfill` job, after a business account is connected: its most recent conversations
 * and their messages from the history API, stored like webhook deliveries (idempotent on TikTok's
 * ids, so webhooks arriving meanwhile are not duplicated). History does not count as unread.
 */
export async function backfillConversations(db: Db, accountId: string) {
  const [account] = await db
    .select({ id: tiktokAccounts.id, workspaceId: tiktokAccounts.workspaceId })
    .from(tiktokAccounts)
    .where(eq(tiktokAccounts.id, accountId));
  if (!account) return { conversations: 0, messages: 0 };
  const history = await withAccountToken(
    db,
    { workspaceId: account.workspaceId, accountId, kinds: ['business'] },
    async (accessToken, business) => {
      const pages = await Promise.all(
        (['SINGLE', 'STRANGER'] as const).map((type) =>
          listBusinessConversations({
            accessToken,
            businessId: business.tiktokId,
            type,
            limit: CONVERSATIONS,
          }),
        ),
      );
      const conversations = pages
        .flat()
        .sort((a, b) => b.updatedAtMs - a.updatedAtMs)
        .slice(0, CONVERSATIONS);
      const result: { conversationId: string; messages: HistoryMessage[]; businessId: string }[] = [];
      for (const conversation of conversations) {
        const messages = await listConversationMessages({
          accessToken,
          businessId: business.tiktokId,
          conversationId: conversation.conversationId,
        });
        result.push({
          conversationId: conversation.conversationId,
          messages: messages.slice(-MESSAGES),
          businessId: business.tiktokId,
        });
      }
      return result;
    },
  );
  let stored = 0;
  for (const { conversationId, messages, businessId } of history) {
    if (messages.length === 0) continue;
    stored += await db.transaction(async (tx) => {
      const inbound = messages.filter((m) => m.from_user?.id !== businessId);
      const first = inbound[0] ?? messages[0]!;
      const conversation = await upsertConversation(tx, {
        account,
        tiktokConversationId: conversationId,
        customerId:
          first.from_user?.id !== businessId ? (first.from_user?.id ?? null) : (first.to_user?.id ?? null),
        customerName: inbound[0]?.sender ?? null,
        atMs: messages.at(-1)!.timestamp,
      });
      let inserted = 0;
      for (const message of messages) {
        const outbound = message.from_user?.id === businessId;
        const dm = fromHistory(message);
        const [row] = await tx
          .insert(inboxMessages)
          .values({
            workspaceId: account.workspaceId,
            conversationId: conversation.id,
            accountId: account.id,
            tiktokMessageId: message.message_id,
            direction: outbound ? 'outbound' : 'inbound',
            ...dm,
            status: outbound ? 'sent' : null,
            sentFromTikTokApp: outbound,
            tiktokTimestampMs: message.timestamp,
          })
          .onConflictDoNothing({ target: [inboxMessages.accountId, inboxMessages.tiktokMessageId] })
          .returning({ id: inboxMessages.id });
        if (!row) continue;
        inserted++;
        if (!outbound && dm.type === 'image' && dm.tiktokMediaId)
          await enqueueJob(
            tx,
            downloadDmMediaJob,
            { messageId: row.id },
            { workspaceId: account.workspaceId },
          );
      }
      const latest = messages.at(-1)!;
      const lastInbound = inbound.at(-1);
      const at = new Date(latest.timestamp).toISOString();
      await tx
        .update(inboxConversations)
        .set({
          lastInboundAt: lastInbound
            ? sql`greatest(${inboxConversations.lastInboundAt}, ${new Date(lastInbound.timestamp).toISOString()}::timestamptz)`
            : undefined,
          lastMessageAt: sql`greatest(${inboxConversations.lastMessageAt}, ${at}::timestamptz)`,
          lastMessagePreview: sql`case when ${at}::timestamptz >= ${inboxConversations.lastMessageAt} then ${previewOf(fromHistory(latest))} else ${inboxConversations.lastMessagePreview} end`,
        })
        .where(eq(inboxConversations.id, conversation.id));
      if (inserted > 0)
        await publishLiveEvent(tx, {
          workspaceId: account.workspaceId,
          type: 'inbox.conversation.updated',
          data: { conversationId: conversation.id },
        });
      return inserted;
    });
  }
  return { conversations: history.length, messages: stored };
}

/** History uses uppercase `message_type` (webhooks use lowercase `type`); the rest maps alike. */
function fromHistory(message: HistoryMessage): StoredDm {
  const type = message.message_type.toLowerCase();
  return toStoredDm({
    conversation_id: '',
    message_id: message.message_id,
    type: type === 'other' ? 'unsupported' : type,
    timestamp: message.timestamp,
    text: message.text,
    image: message.image,
    share_post: message.share_post,
  });
}
