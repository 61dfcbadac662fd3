import 'server-only';
import type { Db } from '@/lib/db/types';
import { listUserWorkspaces } from './list-user-workspaces';

export type ResolveCurrentWorkspaceOptions = { userId: string; preferredWorkspaceId?: string | null };

/**
 * The workspace a request acts on: the one the user last switched to if they still belong to it,
 * else their first. Null only for a user who has left every workspace.
 */
export async function resolveCurrentWorkspace(
  db: Db,
  { userId, preferredWorkspaceId }: ResolveCurrentWorkspaceOptions,
) {
  const all = await listUserWorkspaces(db, userId);
  const current = all.find((w) => w.id === preferredWorkspaceId) ?? all[0] ?? null;
  return { current, all };
}
