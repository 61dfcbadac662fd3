import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { memberships, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** Every workspace the user belongs to, oldest membership first, with the user's role in each. */
export async function listUserWorkspaces(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
}
