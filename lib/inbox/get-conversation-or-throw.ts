import 'server-only';
import { and, eq } from 'drizzle-orm';
import { inboxConversations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

/**
 * The conversation with this id in this workspace, or a 404 that reads the same for another
 * workspace's id. `lock` takes the row for the transaction (sends serialise per conversation).
 */
export async function getConversationOrThrow(
  tx: Db,
  {
    workspaceId,
    conversationId,
    lock = false,
  }: { workspaceId: string; conversationId: string; lock?: boolean },
) {
  const query = tx
    .select()
    .from(inboxConversations)
    .where(and(eq(inboxConversations.id, conversationId), eq(inboxConversations.workspaceId, workspaceId)))
    .limit(1);
  const [conversation] = lock ? await query.for('update') : await query;
  if (!conversation) throw new AppError({ code: 'not_found', message: 'This conversation does not exist.' });
  return conversation;
}
