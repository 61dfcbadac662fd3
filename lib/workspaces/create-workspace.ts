import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { memberships, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type CreateWorkspaceOptions = { userId: string; name: string; ip?: string | null };

/** Creates a workspace owned by `userId`. Runs inside the caller's transaction when given one. */
export async function createWorkspace(db: Db, { userId, name, ip }: CreateWorkspaceOptions) {
  const [workspace] = await db.insert(workspaces).values({ name: name.trim() }).returning();
  if (!workspace) throw new Error('workspace insert returned nothing');
  await db.insert(memberships).values({ workspaceId: workspace.id, userId, role: 'owner' });
  await recordAuditEvent(db, {
    workspaceId: workspace.id,
    actorUserId: userId,
    action: 'workspace.created',
    target: { type: 'workspace', id: workspace.id },
    metadata: { name: workspace.name },
    ip,
  });
  return workspace;
}
