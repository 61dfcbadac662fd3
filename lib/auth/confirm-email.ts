import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { consumeEmailToken } from './email-token';

export type ConfirmEmailOptions = { token: string; ip?: string | null };

/** Marks the address of a confirmation link as the user's proven address; the link is used up. */
export async function confirmEmail(db: Db, { token, ip }: ConfirmEmailOptions): Promise<{ email: string }> {
  return db.transaction(async (tx) => {
    const claimed = await consumeEmailToken(tx, { token, purpose: 'verify_email' });
    if (!claimed) {
      throw new AppError({
        code: 'not_found',
        message: 'This confirmation link has expired or was already used. Sign in to get a new one.',
      });
    }
    // Only the address the link was sent to is proven; already-confirmed accounts stay as they are.
    const confirmed = await tx
      .update(users)
      .set({ emailVerified: new Date() })
      .where(and(eq(users.id, claimed.userId), eq(users.email, claimed.email), isNull(users.emailVerified)))
      .returning({ id: users.id });
    if (confirmed.length > 0) {
      await recordAuditEvent(tx, {
        workspaceId: null,
        actorUserId: claimed.userId,
        action: 'user.email_confirmed',
        ip,
      });
    }
    return { email: claimed.email };
  });
}
