import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxConversations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** Open conversations with unread messages, per navigation filter (served by a partial index). */
export async function countUnread(db: Db, { workspaceId, userId }: { workspaceId: string; userId: string }) {
  await requireMembership(db, { workspaceId, userId });
  const [row] = await db
    .select({
      all: sql<number>`count(*)::int`,
      mine: sql<number>`(count(*) filter (where ${inboxConversations.assigneeId} = ${userId}))::int`,
      unassigned: sql<number>`(count(*) filter (where ${inboxConversations.assigneeId} is null))::int`,
    })
    .from(inboxConversations)
    .where(
      and(
        eq(inboxConversations.workspaceId, workspaceId),
        eq(inboxConversations.status, 'open'),
        gt(inboxConversations.unreadCount, 0),
      ),
    );
  return row ?? { all: 0, mine: 0, unassigned: 0 };
}
