import 'server-only';
import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditEvents, memberships, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireMembership } from '@/lib/workspaces/require-membership';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions';

export type AuditEventView = {
  id: string;
  action: string;
  description: string;
  actorName: string | null;
  actorEmail: string | null;
  targetLabel: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

export type ListAuditEventsOptions = {
  workspaceId: string;
  userId: string;
  before?: Date;
  limit?: number;
};

/**
 * The workspace's audit log, newest first: its own events plus sign-ins of its current members
 * (sign-ins belong to a user, not to one workspace). Owners and admins only.
 */
export async function listAuditEvents(db: Db, options: ListAuditEventsOptions): Promise<AuditEventView[]> {
  await requireMembership(db, {
    workspaceId: options.workspaceId,
    userId: options.userId,
    roles: ['owner', 'admin'],
  });
  const members = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.workspaceId, options.workspaceId));
  const target = alias(users, 'target_user');
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      metadata: auditEvents.metadata,
      createdAt: auditEvents.createdAt,
      actorName: users.name,
      actorEmail: users.email,
      targetType: auditEvents.targetType,
      targetEmail: target.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(target, and(eq(auditEvents.targetType, 'user'), eq(target.id, auditEvents.targetId)))
    .where(
      and(
        or(
          eq(auditEvents.workspaceId, options.workspaceId),
          and(isNull(auditEvents.workspaceId), inArray(auditEvents.actorUserId, members)),
        ),
        options.before ? lt(auditEvents.createdAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(Math.min(options.limit ?? 50, 200));

  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    description: AUDIT_ACTIONS[row.action as AuditAction] ?? row.action,
    actorName: row.actorName,
    actorEmail: row.actorEmail,
    targetLabel: row.targetEmail ?? (typeof row.metadata.email === 'string' ? row.metadata.email : null),
    metadata: row.metadata,
    createdAt: row.createdAt,
  }));
}
