import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { type EmailTokenPurpose, emailTokens } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** How long each kind of link works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
};

function hashEmailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type IssueEmailTokenOptions = {
  userId: string;
  email: string;
  purpose: EmailTokenPurpose;
  /** Void the user's earlier unused links of this purpose (password reset: only the newest works). */
  replacePrevious?: boolean;
};

/** Creates a single-use link secret; only its hash is stored, the secret exists only in the e-mail. */
export async function issueEmailToken(db: Db, options: IssueEmailTokenOptions): Promise<string> {
  const { userId, email, purpose } = options;
  if (options.replacePrevious) {
    await db
      .delete(emailTokens)
      .where(
        and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)),
      );
  }
  const token = randomBytes(32).toString('base64url');
  await db.insert(emailTokens).values({
    userId,
    email,
    purpose,
    tokenHash: hashEmailToken(token),
    expiresAt: new Date(Date.now() + EMAIL_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/** The row of a link that still works: this secret, this purpose, unused and unexpired. */
function usable(token: string, purpose: EmailTokenPurpose) {
  return and(
    eq(emailTokens.tokenHash, hashEmailToken(token)),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, new Date()),
  );
}

/**
 * Claims a link: of two simultaneous uses only one updates the row. Null when the token is unknown,
 * used, expired or of another purpose; callers say so without telling which.
 */
export async function consumeEmailToken(
  db: Db,
  { token, purpose }: { token: string; purpose: EmailTokenPurpose },
): Promise<{ userId: string; email: string } | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(usable(token, purpose))
    .returning({ userId: emailTokens.userId, email: emailTokens.email });
  return row ?? null;
}

/** Whether a link still works, without using it up (pages show the form only for a live link). */
export async function findUsableEmailToken(
  db: Db,
  { token, purpose }: { token: string; purpose: EmailTokenPurpose },
): Promise<{ email: string; expiresAt: Date } | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ email: emailTokens.email, expiresAt: emailTokens.expiresAt })
    .from(emailTokens)
    .where(usable(token, purpose))
    .limit(1);
  return row ?? null;
}
