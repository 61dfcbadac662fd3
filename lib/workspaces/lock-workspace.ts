import 'server-only';
import { eq } from 'drizzle-orm';
import { workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/**
 * Serialises membership changes of one workspace inside a transaction. Without it two owners
 * leaving or demoting each other at the same moment both see "another owner remains" and the
 * workspace ends up ownerless.
 */
export async function lockWorkspace(tx: Db, workspaceId: string): Promise<void> {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
}
