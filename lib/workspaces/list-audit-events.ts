import 'server-only';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/audit-actions';
import { auditEvents, memberships, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireMembership } from './require-membership';

export type AuditEventView = {
  id: string;
  action: string;
  description: string;
  actorName: string | null;
  actorEmail: string | null;
  targetLabel: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
  /** Opaque position of this event; pass it as `cursor` to get the events after it. */
  cursor: string;
};

export type ListAuditEventsOptions = {
  workspaceId: string;
  userId: string;
  /** From a previous page's last event: its `cursor`. */
  cursor?: string;
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
  const position = options.cursor ? decodeCursor(options.cursor) : null;
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
      // Postgres keeps microseconds and a JS Date only milliseconds: the cursor keeps the exact text.
      exactCreatedAt: sql<string>`${auditEvents.createdAt}::text`,
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
        position
          ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${position.createdAt}::timestamptz, ${position.id})`
          : undefined,
      ),
    )
    // The id breaks ties: events written in one transaction share their timestamp.
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(Math.min(options.limit ?? 50, 200));

  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    description: AUDIT_ACTIONS[row.action as AuditAction] ?? row.action,
    actorName: row.actorName,
    actorEmail: row.actorEmail,
    targetLabel:
      row.targetEmail ??
      (typeof row.metadata.email === 'string' ? row.metadata.email : null) ??
      (typeof row.metadata.account === 'string' ? row.metadata.account : null),
    metadata: row.metadata,
    createdAt: row.createdAt,
    cursor: encodeCursor(row.exactCreatedAt, row.id),
  }));
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** A malformed cursor starts from the newest event rather than failing the page. */
function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt)))
      return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}
