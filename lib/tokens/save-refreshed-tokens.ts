import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { AccountTokens } from '@/lib/connectors/connector';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { now } from '@/lib/time/clock';
import { nextTokenVersion, openAccountToken, sealAccountToken } from './account-token-columns';
import { readTokenRow, type TokenRow } from './read-token-row';

const DAY_MS = 86_400_000;

export type SaveRefreshedTokensOptions = {
  /** The row as read before the refresh. */
  row: TokenRow;
  /** The refresh token TikTok just consumed (plaintext), to tell a re-encryption from a new grant. */
  usedRefreshToken: string;
  tokens: AccountTokens;
};

/**
 * `saved`: our pair is stored. `superseded`: another writer stored a different grant meanwhile
 * (`row` is theirs, to use instead). `gone`: the account was disconnected meanwhile.
 */
export type SaveRefreshedTokensResult =
  | { outcome: 'saved' }
  | { outcome: 'superseded'; row: TokenRow }
  | { outcome: 'gone' };

/**
 * Persists a refreshed pair over the `token_version` it was read at, checking the row count. If
 * the version moved, the locked row tells why: the same refresh token under a new key (a key
 * rotation) is overwritten, a different one is another writer's grant and wins. TikTok already
 * invalidated the old refresh token, so dropping our pair silently is never an option.
 */
export async function saveRefreshedTokens(
  db: Db,
  { row, usedRefreshToken, tokens }: SaveRefreshedTokensOptions,
): Promise<SaveRefreshedTokensResult> {
  // A later refresh-token expiry means TikTok extended it (Business does): earlier warnings are moot.
  const extended =
    !row.refreshTokenExpiresAt ||
    (tokens.refreshTokenExpiresAt?.getTime() ?? 0) > row.refreshTokenExpiresAt.getTime() + DAY_MS;
  const values = {
    accessToken: sealAccountToken(row.id, 'access_token', tokens.accessToken),
    refreshToken: tokens.refreshToken ? sealAccountToken(row.id, 'refresh_token', tokens.refreshToken) : null,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    lastRefreshedAt: now(),
    ...(extended ? { refreshWarningDays: null } : {}),
  };
  return db.transaction(async (tx) => {
    // Locked like key rotation locks it, so the comparison below still holds when we write.
    const current = await readTokenRow(tx, row.id, { forUpdate: true });
    if (!current || current.status === 'disconnected' || !current.refreshToken) return { outcome: 'gone' };
    if (
      current.tokenVersion !== row.tokenVersion &&
      openAccountToken(row.id, 'refresh_token', current.refreshToken) !== usedRefreshToken
    ) {
      return { outcome: 'superseded', row: current };
    }
    const updated = await tx
      .update(tiktokAccounts)
      .set({ ...values, tokenVersion: nextTokenVersion() })
      .where(and(eq(tiktokAccounts.id, row.id), eq(tiktokAccounts.tokenVersion, current.tokenVersion)))
      .returning({ id: tiktokAccounts.id });
    if (updated.length !== 1) throw new Error(`refreshed tokens of account ${row.id} were not saved`);
    return { outcome: 'saved' };
  });
}
