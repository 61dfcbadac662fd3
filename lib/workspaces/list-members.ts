import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { memberships, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type ListMembersOptions = { workspaceId: string; userId: string };

/** Members of a workspace the caller belongs to. */
export async function listMembers(db: Db, { workspaceId, userId }: ListMembersOptions) {
  await requireMembership(db, { workspaceId, userId });
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
}
