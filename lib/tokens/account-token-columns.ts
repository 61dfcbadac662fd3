import 'server-only';
import { sql } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto/token-cipher';
import { tiktokAccounts } from '@/lib/db/schema';

type AccountTokenColumn = 'access_token' | 'refresh_token';

/** Encrypts a token for one column of one `tiktok_accounts` row (AAD = table, column, account id). */
export function sealAccountToken(accountId: string, column: AccountTokenColumn, plaintext: string): string {
  return encryptSecret({ plaintext, context: { table: 'tiktok_accounts', column, rowId: accountId } });
}

export function openAccountToken(accountId: string, column: AccountTokenColumn, ciphertext: string): string {
  return decryptSecret({ ciphertext, context: { table: 'tiktok_accounts', column, rowId: accountId } });
}

/**
 * Part of every `set` that writes `access_token`/`refresh_token` (key rotation does the same in
 * SQL through `EncryptedColumn.versionColumn`): a refresh saves only over the version it read.
 */
export function nextTokenVersion() {
  return sql`${tiktokAccounts.tokenVersion} + 1`;
}
