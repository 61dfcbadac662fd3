import 'server-only';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxMessages, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { decodeCursor, encodeCursor } from './cursor';
import { getConversationOrThrow } from './get-conversation-or-throw';

const PAGE = 50;

/** A page of the thread, newest first from `before` (keyset on TikTok's timestamp); the UI scrolls upward. */
export async function listMessages(
  db: Db,
  input: {
    workspaceId: string;
    userId: string;
    conversationId: string;
    before?: string | null;
    limit?: number;
  },
) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  await getConversationOrThrow(db, input);
  const limit = Math.min(input.limit ?? PAGE, 200);
  const where: SQL[] = [eq(inboxMessages.conversationId, input.conversationId)];
  const before = decodeCursor(input.before);
  if (before) {
    where.push(
      sql`(${inboxMessages.tiktokTimestampMs}, ${inboxMessages.id}) < (${Number(before.key)}, ${before.id})`,
    );
  }
  const rows = await db
    .select({
      id: inboxMessages.id,
      direction: inboxMessages.direction,
      type: inboxMessages.type,
      text: inboxMessages.text,
      mediaId: inboxMessages.mediaId,
      sharePostUrl: inboxMessages.sharePostUrl,
      tiktokType: inboxMessages.tiktokType,
      status: inboxMessages.status,
      failureReason: inboxMessages.failureReason,
      outcomeUnknown: inboxMessages.outcomeUnknown,
      sentByUserId: inboxMessages.sentByUserId,
      sentByName: users.name,
      timestampMs: inboxMessages.tiktokTimestampMs,
      sentFromTikTokApp: inboxMessages.sentFromTikTokApp,
    })
    .from(inboxMessages)
    .leftJoin(users, eq(users.id, inboxMessages.sentByUserId))
    .where(and(...where))
    .orderBy(desc(inboxMessages.tiktokTimestampMs), desc(inboxMessages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    messages: page.reverse(),
    olderCursor: rows.length > limit && last ? encodeCursor(last.timestampMs, last.id) : null,
  };
}

export type ThreadMessage = Awaited<ReturnType<typeof listMessages>>['messages'][number];
