import 'server-only';
import { eq } from 'drizzle-orm';
import { invitations, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import * as clock from '@/lib/time/clock';
import { hashInvitationToken } from './invitation-token';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

/** Looks an invitation up by the secret in its link; null for unknown tokens. */
export async function findInvitationByToken(db: Db, token: string, now = clock.now()) {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      workspaceName: workspaces.name,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  if (!row) return null;
  const status: InvitationStatus = row.acceptedAt
    ? 'accepted'
    : row.revokedAt
      ? 'revoked'
      : row.expiresAt <= now
        ? 'expired'
        : 'pending';
  return { ...row, status };
}
