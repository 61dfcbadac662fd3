import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { describeChanges } from '@/lib/audit/describe-changes';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

export type UpdateWorkspaceSettingsOptions = {
  workspaceId: string;
  userId: string;
  /** Validated by `timeZoneSchema`. Owners and admins. */
  timeZone?: string;
  /** Validated by `slugSchema`. Owners only: storage keys (reports) are built from it. */
  slug?: string;
  ip?: string | null;
};

/** Changes the workspace's time zone and slug; unchanged values are left alone and not audited. */
export async function updateWorkspaceSettings(db: Db, options: UpdateWorkspaceSettingsOptions) {
  const { workspaceId, userId } = options;
  const membership = await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const [current] = await db
    .select({ timeZone: workspaces.timeZone, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!current) throw new AppError({ code: 'not_found', message: 'This workspace does not exist.' });
  const changes: { timeZone?: string; slug?: string } = {};
  if (options.timeZone && options.timeZone !== current.timeZone) changes.timeZone = options.timeZone;
  if (options.slug && options.slug !== current.slug) {
    if (membership.role !== 'owner') {
      throw new AppError({ code: 'forbidden', message: 'Only owners can change the workspace’s slug.' });
    }
    changes.slug = options.slug;
  }
  if (Object.keys(changes).length === 0) return current;

  return db.transaction(async (tx) => {
    if (changes.slug) {
      const [taken] = await tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(and(eq(workspaces.slug, changes.slug), ne(workspaces.id, workspaceId)))
        .limit(1);
      if (taken) throw slugTaken();
    }
    const [updated] = await tx
      .update(workspaces)
      .set(changes)
      .where(eq(workspaces.id, workspaceId))
      .returning({ timeZone: workspaces.timeZone, slug: workspaces.slug })
      .catch((error: unknown) => {
        // Two owners claiming one slug at once: the unique index decides.
        throw isUniqueViolation(error) ? slugTaken() : error;
      });
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId: userId,
      action: 'workspace.settings_changed',
      target: { type: 'workspace', id: workspaceId },
      metadata: describeChanges(current, changes),
      ip: options.ip,
    });
    return updated ?? current;
  });
}

function slugTaken() {
  return new AppError({
    code: 'conflict',
    message: 'Another workspace already uses this slug.',
    fieldErrors: { slug: ['Another workspace already uses this slug.'] },
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
