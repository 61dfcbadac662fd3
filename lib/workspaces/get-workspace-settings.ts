import 'server-only';
import { eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

export type WorkspaceSettings = { id: string; name: string; slug: string; timeZone: string };

/** The workspace's name, slug and time zone, for any member (pages format dates in its zone). */
export async function getWorkspaceSettings(
  db: Db,
  { workspaceId, userId }: { workspaceId: string; userId: string },
): Promise<WorkspaceSettings> {
  await requireMembership(db, { workspaceId, userId });
  const [row] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      timeZone: workspaces.timeZone,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError({ code: 'not_found', message: 'This workspace does not exist.' });
  return row;
}
