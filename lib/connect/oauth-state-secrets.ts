import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret } from '@/lib/crypto/token-cipher';

type StateSecretColumn = 'code_verifier' | 'pending_access_token';

/** 256 random bits for `state`; only its hash is stored, so a database leak cannot finish a flow. */
export function createStateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashStateToken(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** Encrypts the PKCE verifier or a parked ads token for one attempt (AAD = table, column, attempt id). */
export function sealStateSecret(stateId: string, column: StateSecretColumn, plaintext: string): string {
  return encryptSecret({ plaintext, context: { table: 'oauth_states', column, rowId: stateId } });
}

export function openStateSecret(stateId: string, column: StateSecretColumn, ciphertext: string): string {
  return decryptSecret({ ciphertext, context: { table: 'oauth_states', column, rowId: stateId } });
}
