import type { SecretContext } from './token-cipher';

/** A column holding `encryptSecret` output, bound to its row through `idColumn`. */
export type EncryptedColumn = {
  table: string;
  /** Primary key; its text form is the `rowId` of the secret's context. */
  idColumn: string;
  secretColumn: string;
  /**
   * A counter the row's writers compare-and-swap on (`tiktok_accounts.token_version`): rotation
   * bumps it like any other write, so a writer holding the old ciphertext cannot save over it unseen.
   */
  versionColumn?: string;
};

/**
 * Every column that stores ciphertexts, so `keys:rotate` re-encrypts all of them. A migration that
 * adds a secret column appends an entry here in the same change, for example
 * `{ table: 'tiktok_accounts', idColumn: 'id', secretColumn: 'access_token' }` — a column missing
 * from this list keeps its old key id and becomes unreadable once that key is removed.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'tiktok_accounts', idColumn: 'id', secretColumn: 'access_token', versionColumn: 'token_version' },
  { table: 'tiktok_accounts', idColumn: 'id', secretColumn: 'refresh_token', versionColumn: 'token_version' },
  { table: 'oauth_states', idColumn: 'id', secretColumn: 'code_verifier' },
  { table: 'oauth_states', idColumn: 'id', secretColumn: 'pending_access_token' },
];

/** The context a secret in `column` of row `rowId` is encrypted under. */
export function columnContext(column: EncryptedColumn, rowId: string): SecretContext {
  return { table: column.table, column: column.secretColumn, rowId };
}
