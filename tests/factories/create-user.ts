import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { type SignUpOptions, signUp } from '@/lib/auth/sign-up';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A unique address per call, so tests sharing one database never collide. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 12)}@example.test`;
}

export type TestUser = {
  id: string;
  email: string;
  name: string | null;
  password: string;
  /** The workspace sign-up created or the invitation joined (null for an unconfirmed invitee). */
  workspaceId: string;
};

export type CreateTestUserOptions = Partial<SignUpOptions> & {
  /** Confirm the address as the e-mailed link would (default true); false leaves it unconfirmed. */
  verified?: boolean;
};

/**
 * Signs a user up through the real use case and confirms the address: without an invitation token
 * they get their own workspace as owner, with one they join the inviting workspace.
 */
export async function createTestUser(db: Db, overrides: CreateTestUserOptions = {}): Promise<TestUser> {
  const { verified = true, ...rest } = overrides;
  const options: SignUpOptions = {
    name: 'Test User',
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    ...rest,
  };
  const result = await signUp(db, options);
  if (result.outcome !== 'created') throw new Error(`${options.email} already has an account`);
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, result.userId));
  if (!user) throw new Error('signed-up user not found');
  if (verified) await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
  let workspaceId = result.workspaceId;
  if (options.invitationToken && verified) {
    workspaceId = (await acceptInvitation(db, { token: options.invitationToken, userId: user.id }))
      .workspaceId;
  }
  return { ...user, password: options.password, workspaceId: workspaceId ?? '' };
}
