import 'server-only';
import { eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { getConversationOrThrow } from './get-conversation-or-throw';

/**
 * "Someone else is replying": the composer calls this every few seconds while its agent types; the
 * other agents on the conversation show the indicator until the beats stop.
 */
export async function announceReplying(
  db: Db,
  input: { workspaceId: string; userId: string; conversationId: string },
) {
  await requireMembership(db, { workspaceId: input.workspaceId, userId: input.userId });
  await getConversationOrThrow(db, input);
  const [user] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, input.userId));
  await publishLiveEvent(db, {
    workspaceId: input.workspaceId,
    type: 'inbox.replying',
    data: {
      conversationId: input.conversationId,
      userId: input.userId,
      userName: (user?.name || user?.email?.split('@')[0] || 'A teammate').slice(0, 80),
    },
  });
}
