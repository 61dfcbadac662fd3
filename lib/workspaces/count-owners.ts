import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ owners: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return row?.owners ?? 0;
}
