import { randomUUID } from 'node:crypto';
import { type SignUpOptions, signUp } from '@/lib/auth/sign-up';
import type { Db } from '@/lib/db/types';

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
  /** The workspace sign-up created or joined. */
  workspaceId: string;
};

/**
 * Signs a user up through the real use case: without an invitation token they get their own
 * workspace as owner, with one they join the inviting workspace.
 */
export async function createTestUser(db: Db, overrides: Partial<SignUpOptions> = {}): Promise<TestUser> {
  const options: SignUpOptions = {
    name: 'Test User',
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    ...overrides,
  };
  const { user, workspaceId } = await signUp(db, options);
  return { ...user, password: options.password, workspaceId };
}
