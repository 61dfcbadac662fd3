import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { inboxSavedReplies } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { MAX_TEXT_CHARS } from './reply-rules';

type Scope = { workspaceId: string; userId: string };

/** The workspace's saved replies, by shortcut. */
export async function listSavedReplies(db: Db, scope: Scope) {
  await requireMembership(db, scope);
  return db
    .select({ id: inboxSavedReplies.id, shortcut: inboxSavedReplies.shortcut, body: inboxSavedReplies.body })
    .from(inboxSavedReplies)
    .where(eq(inboxSavedReplies.workspaceId, scope.workspaceId))
    .orderBy(asc(inboxSavedReplies.shortcut));
}

/** Adds a saved reply; any member may (they are the people who answer). Shortcuts are unique per workspace. */
export async function createSavedReply(db: Db, input: Scope & { shortcut: string; body: string }) {
  await requireMembership(db, input);
  const shortcut = input.shortcut.trim().replace(/^\//, '').toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(shortcut))
    throw new AppError({
      code: 'bad_request',
      message: 'Shortcuts use letters, digits and dashes (up to 40).',
    });
  if (!input.body.trim() || [...input.body].length > MAX_TEXT_CHARS)
    throw new AppError({
      code: 'bad_request',
      message: `The reply must have 1 to ${MAX_TEXT_CHARS} characters.`,
    });
  const [row] = await db
    .insert(inboxSavedReplies)
    .values({ workspaceId: input.workspaceId, shortcut, body: input.body, createdBy: input.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError({ code: 'conflict', message: `/${shortcut} already exists.` });
  return row;
}

export async function deleteSavedReply(db: Db, input: Scope & { id: string }) {
  await requireMembership(db, input);
  const [row] = await db
    .delete(inboxSavedReplies)
    .where(and(eq(inboxSavedReplies.id, input.id), eq(inboxSavedReplies.workspaceId, input.workspaceId)))
    .returning({ id: inboxSavedReplies.id });
  if (!row) throw new AppError({ code: 'not_found', message: 'This saved reply does not exist.' });
}
