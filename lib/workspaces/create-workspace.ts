import 'server-only';
import { randomBytes } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { memberships, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { findFreeSlug } from './workspace-slug';

export type CreateWorkspaceOptions = {
  userId: string;
  name: string;
  /** IANA zone, already validated (`timeZoneSchema`); UTC when the creator gave none. */
  timeZone?: string;
  ip?: string | null;
};

/** Creates a workspace owned by `userId`. Runs inside the caller's transaction when given one. */
export async function createWorkspace(
  db: Db,
  { userId, name, timeZone = 'UTC', ip }: CreateWorkspaceOptions,
) {
  const values = { name: name.trim(), timeZone };
  let slug = await findFreeSlug(db, values.name);
  // A workspace created at the same moment took the slug: a random suffix cannot collide again.
  let [workspace] = await db
    .insert(workspaces)
    .values({ ...values, slug })
    .onConflictDoNothing({ target: workspaces.slug })
    .returning();
  if (!workspace) {
    slug = `${slug.slice(0, 40)}-${randomBytes(3).toString('hex')}`;
    [workspace] = await db
      .insert(workspaces)
      .values({ ...values, slug })
      .returning();
  }
  if (!workspace) throw new Error('workspace insert returned nothing');
  await db.insert(memberships).values({ workspaceId: workspace.id, userId, role: 'owner' });
  await recordAuditEvent(db, {
    workspaceId: workspace.id,
    actorUserId: userId,
    action: 'workspace.created',
    target: { type: 'workspace', id: workspace.id },
    metadata: { name: workspace.name, slug: workspace.slug, timeZone: workspace.timeZone },
    ip,
  });
  return workspace;
}
