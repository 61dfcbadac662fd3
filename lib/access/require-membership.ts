import 'server-only';
import { and, eq } from 'drizzle-orm';
import { memberships, type Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

export type RequireMembershipOptions = {
  workspaceId: string;
  userId: string;
  /** Roles allowed to proceed; any member when omitted. */
  roles?: readonly Role[];
};

/**
 * The data-boundary check every workspace query goes through. A workspace the user is not in
 * answers 404, not 403, so ids of other tenants reveal nothing.
 */
export async function requireMembership(db: Db, { workspaceId, userId, roles }: RequireMembershipOptions) {
  const [membership] = await db
    .select({ role: memberships.role, workspaceId: memberships.workspaceId, userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  if (!membership)
    throw new AppError({
      code: 'not_found',
      message: 'This workspace does not exist or you are not a member of it.',
    });
  assertRole(membership.role, roles);
  return membership;
}

/** Throws the forbidden error when `role` is not among `roles` (any role passes without a list). */
export function assertRole(role: Role, roles?: readonly Role[]): void {
  if (roles && !roles.includes(role)) {
    throw new AppError({ code: 'forbidden', message: `Only ${describeRoles(roles)} can do that.` });
  }
}

function describeRoles(roles: readonly Role[]): string {
  const names = roles.map((role) => `${role}s`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'members');
}
