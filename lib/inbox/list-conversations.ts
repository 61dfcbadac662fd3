import 'server-only';
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import {
  type ConversationStatus,
  inboxConversations,
  inboxMessages,
  tiktokAccounts,
  users,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { decodeCursor, encodeCursor } from './cursor';

export const INBOX_FILTERS = ['mine', 'unassigned', 'all'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export type ListConversationsInput = {
  workspaceId: string;
  userId: string;
  filter: InboxFilter;
  status: ConversationStatus;
  accountId?: string | null;
  /** Customer name (prefix) or words in a message. */
  q?: string | null;
  cursor?: string | null;
  limit?: number;
};

const PAGE = 30;
const SEARCH_HITS = 500;

/** One page of the conversation list, newest activity first, with a keyset cursor to the next. */
export async function listConversations(db: Db, input: ListConversationsInput) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  const limit = Math.min(input.limit ?? PAGE, 100);
  const where: (SQL | undefined)[] = [
    eq(inboxConversations.workspaceId, input.workspaceId),
    eq(inboxConversations.status, input.status),
  ];
  if (input.filter === 'mine') where.push(eq(inboxConversations.assigneeId, input.userId));
  if (input.filter === 'unassigned') where.push(isNull(inboxConversations.assigneeId));
  if (input.accountId) where.push(eq(inboxConversations.accountId, input.accountId));
  const q = input.q?.trim();
  if (q) where.push(searchCondition(db, input.workspaceId, q));
  const after = decodeCursor(input.cursor);
  if (after) {
    where.push(
      sql`(${inboxConversations.lastMessageAt}, ${inboxConversations.id}) < (${after.key}::timestamptz, ${after.id})`,
    );
  }
  const rows = await db
    .select({
      id: inboxConversations.id,
      accountId: inboxConversations.accountId,
      accountName: sql<string | null>`coalesce(${tiktokAccounts.displayName}, ${tiktokAccounts.username})`,
      customerName: inboxConversations.customerName,
      customerAvatarUrl: inboxConversations.customerAvatarUrl,
      lastMessageAt: inboxConversations.lastMessageAt,
      lastInboundAt: inboxConversations.lastInboundAt,
      lastMessagePreview: inboxConversations.lastMessagePreview,
      lastMessageDirection: inboxConversations.lastMessageDirection,
      unreadCount: inboxConversations.unreadCount,
      status: inboxConversations.status,
      assigneeId: inboxConversations.assigneeId,
      assigneeName: users.name,
    })
    .from(inboxConversations)
    .innerJoin(tiktokAccounts, eq(tiktokAccounts.id, inboxConversations.accountId))
    .leftJoin(users, eq(users.id, inboxConversations.assigneeId))
    .where(and(...where))
    .orderBy(desc(inboxConversations.lastMessageAt), desc(inboxConversations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page,
    nextCursor: rows.length > limit && last ? encodeCursor(last.lastMessageAt.toISOString(), last.id) : null,
  };
}

/** Customer name prefix, or a message containing every word (full-text, GIN index). */
function searchCondition(db: Db, workspaceId: string, q: string): SQL {
  const prefix = `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // No DISTINCT: `IN` ignores repeats, and without it the LIMIT stops the heap scan early (a common
  // word matches thousands of messages; the first 500 hits name plenty of conversations).
  const matching = db
    .select({ id: inboxMessages.conversationId })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.workspaceId, workspaceId),
        sql`to_tsvector('simple', coalesce(${inboxMessages.text}, '')) @@ plainto_tsquery('simple', ${q})`,
      ),
    )
    .limit(SEARCH_HITS);
  return sql`(lower(${inboxConversations.customerName}) like ${prefix} or ${inArray(inboxConversations.id, matching)})`;
}
