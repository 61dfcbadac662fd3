import 'server-only';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { invitations, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import * as clock from '@/lib/time/clock';

export type ListInvitationsOptions = { workspaceId: string; userId: string };

/** Pending invitations (not accepted, revoked or expired). Owners and admins only. */
export async function listInvitations(db: Db, { workspaceId, userId }: ListInvitationsOptions) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      invitedByName: users.name,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, clock.now()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}
