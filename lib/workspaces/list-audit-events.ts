import 'server-only';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { requireMembership } from '@/lib/access/require-membership';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/audit-actions';
import { formatSettingChanges } from '@/lib/audit/format-setting-changes';
import { auditEvents, memberships, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type AuditEventView = {
  id: string;
  action: string;
  description: string;
  actorName: string | null;
  actorEmail: string | null;
  targetLabel: string | null;
  metadata: Record<string, unknown>;
  /** What a settings change changed, as one line (`Slug acme → acme-eu`); null otherwise. */
  changes: string | null;
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
    changes: row.action.endsWith('.settings_changed') ? formatSettingChanges(row.metadata) : null,
    createdAt: row.createdAt,
    cursor: encodeCursor(row.exactCreatedAt, row.id),
  }));
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

// `created_at::text` as Postgres prints a timestamptz: `2026-01-02 03:04:05.678901+00`.
const PG_TIMESTAMPTZ =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](0\d|1[0-5])(:[0-5]\d){0,2}$/;

/** True only for a calendar date and time Postgres will accept: no 30 February, no hour 25. */
function isRealTimestamp(value: string): boolean {
  const match = PG_TIMESTAMPTZ.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const date = new Date(0);
  date.setUTCFullYear(year as number, (month as number) - 1, day);
  date.setUTCHours(hour as number, minute, second);
  return (
    (year as number) >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

const cursorSchema = z.tuple([z.string().refine(isRealTimestamp), z.string().min(1).max(100)]);

/**
 * A cursor comes from a URL anyone can edit: anything but one we issued starts from the newest event
 * rather than reaching Postgres as a value it cannot cast (which failed the page with a 500).
 */
function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? { createdAt: parsed.data[0], id: parsed.data[1] } : null;
}
