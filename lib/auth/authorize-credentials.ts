import 'server-only';
import type { Redis } from '@upstash/redis';
import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isAppError } from '@/lib/errors/app-error';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';
import { resetRateLimit } from '@/lib/kv/reset-rate-limit';
import { logError } from '@/lib/log/log-error';
import { normalizeEmail } from './normalize-email';
import { sendEmailConfirmation } from './send-email-confirmation';
import { verifyCredentials } from './verify-credentials';

export type AuthorizeCredentialsOptions = {
  /** As Auth.js parsed it from the request: the address whose password is being tried. */
  email: string;
  password: string;
  /** The client IP under our trust model; null when unknown (then only the per-account limit applies). */
  ip: string | null;
  /** Where the sign-in was headed; a confirmation link sent now continues there. */
  next?: string;
  redis?: Redis;
};

/**
 * Every password attempt, from the sign-in form or posted straight to Auth.js, passes here: the
 * limits are counted on the address actually checked, never on a copy of the body the client may
 * have shaped differently. The per-account limit holds whatever IP the attempts claim; a right
 * password after it is used up waits too (a password reset by e-mail lifts it).
 */
export async function authorizeCredentials(db: Db, options: AuthorizeCredentialsOptions) {
  const { password, ip, redis } = options;
  const email = normalizeEmail(options.email);
  await assertRateLimit({ policy: 'signInAccount', identifier: email, redis });
  if (ip) await assertRateLimit({ policy: 'signInIp', identifier: ip, redis });
  try {
    const user = await verifyCredentials(db, { email, password, ip });
    await resetRateLimit({ policy: 'signInAccount', identifier: email, redis }).catch((error: unknown) =>
      logError('clear sign-in attempts', error),
    );
    return user;
  } catch (error) {
    if (isAppError(error) && error.code === 'email_unverified')
      await resendConfirmation(db, { email, next: options.next, redis });
    throw error;
  }
}

/** A new confirmation link for someone who proved the password, unless this address got too many e-mails. */
async function resendConfirmation(
  db: Db,
  { email, next, redis }: { email: string; next?: string; redis?: Redis },
) {
  try {
    await assertRateLimit({ policy: 'accountEmail', identifier: email, redis });
  } catch {
    return; // earlier links still work
  }
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (user) await sendEmailConfirmation(db, { userId: user.id, email, next });
}
