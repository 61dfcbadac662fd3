import 'server-only';
import { auditEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { AuditAction } from './audit-actions';

export type RecordAuditEventOptions = {
  workspaceId: string | null;
  actorUserId: string | null;
  action: AuditAction;
  target?: { type: string; id: string };
  /** Never put secrets here: the log is shown to every admin. */
  metadata?: Record<string, unknown>;
  ip?: string | null;
};

/** Appends one audit event; pass a transaction so the event commits with the change it describes. */
export async function recordAuditEvent(db: Db, options: RecordAuditEventOptions): Promise<void> {
  await db.insert(auditEvents).values({
    workspaceId: options.workspaceId,
    actorUserId: options.actorUserId,
    action: options.action,
    targetType: options.target?.type ?? null,
    targetId: options.target?.id ?? null,
    metadata: options.metadata ?? {},
    ip: options.ip ?? null,
  });
}
