import 'server-only';
import { decryptSecret, encryptSecret } from '@/lib/crypto/token-cipher';

type AccountTokenColumn = 'access_token' | 'refresh_token';
type StateSecretColumn = 'code_verifier' | 'pending_access_token';

/** Encrypts a token for one column of one `tiktok_accounts` row (AAD = table, column, account id). */
export function sealAccountToken(accountId: string, column: AccountTokenColumn, plaintext: string): string {
  return encryptSecret({ plaintext, context: { table: 'tiktok_accounts', column, rowId: accountId } });
}

export function openAccountToken(accountId: string, column: AccountTokenColumn, ciphertext: string): string {
  return decryptSecret({ ciphertext, context: { table: 'tiktok_accounts', column, rowId: accountId } });
}

export function sealStateSecret(stateId: string, column: StateSecretColumn, plaintext: string): string {
  return encryptSecret({ plaintext, context: { table: 'oauth_states', column, rowId: stateId } });
}

export function openStateSecret(stateId: string, column: StateSecretColumn, ciphertext: string): string {
  return decryptSecret({ ciphertext, context: { table: 'oauth_states', column, rowId: stateId } });
}
