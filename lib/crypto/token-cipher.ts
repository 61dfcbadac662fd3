import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  CIPHERTEXT_VERSION,
  formatCiphertext,
  IV_BYTES,
  parseCiphertext,
  TAG_BYTES,
} from './ciphertext-format';
import { DecryptionError } from './decryption-error';
import { getKeyring, type Keyring } from './keyring';

const ALGORITHM = 'aes-256-gcm';

/** Where a secret is stored. Bound into the ciphertext so it cannot be moved to another row or column. */
export type SecretContext = {
  table: string;
  column: string;
  rowId: string;
};

export type EncryptSecretOptions = {
  plaintext: string;
  context: SecretContext;
  /** Defaults to the app keyring from TOKEN_ENCRYPTION_KEYS. */
  keyring?: Keyring;
};

export type DecryptSecretOptions = {
  ciphertext: string;
  context: SecretContext;
  keyring?: Keyring;
};

/** AES-256-GCM under the keyring's first key with a fresh random IV; see ciphertext-format.ts. */
export function encryptSecret({ plaintext, context, keyring = getKeyring() }: EncryptSecretOptions): string {
  const { kid, key } = keyring.primary;
  // 96-bit random IVs: collision odds stay negligible far beyond the number of tokens we will store.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(kid, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return formatCiphertext({ kid, iv, ciphertext, tag: cipher.getAuthTag() });
}

/** Decrypts with whichever keyring key the value names; throws `DecryptionError` on any mismatch. */
export function decryptSecret({ ciphertext, context, keyring = getKeyring() }: DecryptSecretOptions): string {
  const parts = parseCiphertext(ciphertext);
  const key = keyring.keys.get(parts.kid);
  if (!key) throw new DecryptionError('unknown_key');
  const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(parts.kid, context));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // The cause is dropped on purpose: OpenSSL's message adds nothing and must not carry data along.
    throw new DecryptionError('authentication_failed');
  }
}

// JSON keeps the fields unambiguous whatever characters a row id contains.
function additionalData(kid: string, { table, column, rowId }: SecretContext): Buffer {
  return Buffer.from(JSON.stringify([CIPHERTEXT_VERSION, kid, table, column, rowId]), 'utf8');
}
