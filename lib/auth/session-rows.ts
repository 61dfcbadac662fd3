import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { sessions } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Auth.js only allows JWT sessions with a password provider. Each JWT therefore names a row in
 * `sessions`; deleting the row (sign-out) ends that session server-side even if the cookie lives on.
 */
export async function createSessionRow(db: Db, userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    sessionToken,
    userId,
    expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  });
  return sessionToken;
}

export async function isSessionActive(db: Db, sessionToken: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(
      and(
        eq(sessions.sessionToken, sessionToken),
        eq(sessions.userId, userId),
        gt(sessions.expires, new Date()),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function deleteSessionRow(db: Db, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, sessionToken));
}
