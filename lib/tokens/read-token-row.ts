import 'server-only';
import { eq } from 'drizzle-orm';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** The token-related columns of one account (ciphertexts; decrypt only what you use). */
export async function readTokenRow(db: Db, accountId: string, { forUpdate = false } = {}) {
  const query = db
    .select({
      id: tiktokAccounts.id,
      workspaceId: tiktokAccounts.workspaceId,
      kind: tiktokAccounts.kind,
      status: tiktokAccounts.status,
      accessToken: tiktokAccounts.accessToken,
      refreshToken: tiktokAccounts.refreshToken,
      tokenVersion: tiktokAccounts.tokenVersion,
      accessTokenExpiresAt: tiktokAccounts.accessTokenExpiresAt,
      refreshTokenExpiresAt: tiktokAccounts.refreshTokenExpiresAt,
      refreshWarningDays: tiktokAccounts.refreshWarningDays,
      lastRefreshedAt: tiktokAccounts.lastRefreshedAt,
    })
    .from(tiktokAccounts)
    .where(eq(tiktokAccounts.id, accountId))
    .limit(1);
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export type TokenRow = NonNullable<Awaited<ReturnType<typeof readTokenRow>>>;
