import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import { KEY_ID_PATTERN } from './ciphertext-format';

export const KEY_BYTES = 32;
export const LOCAL_KEY_FILE = path.join(process.cwd(), '.data', 'token-encryption-key');

export type KeyringKey = { kid: string; key: Buffer };

/** The keys secrets may be under. `primary` (the first configured) encrypts; every key decrypts. */
export type Keyring = {
  primary: KeyringKey;
  keys: ReadonlyMap<string, Buffer>;
};

export class KeyringError extends Error {
  override name = 'KeyringError';
}

/** Builds a keyring from keys in priority order; the first one encrypts. */
export function createKeyring(entries: readonly KeyringKey[]): Keyring {
  const [primary] = entries;
  if (!primary) throw new KeyringError('A keyring needs at least one key.');
  const keys = new Map<string, Buffer>();
  entries.forEach(({ kid, key }, index) => {
    // Messages name the position and kid only: the key itself must never reach a log.
    if (!KEY_ID_PATTERN.test(kid)) throw new KeyringError(`Key ${index + 1} has an invalid key id.`);
    if (key.length !== KEY_BYTES) throw new KeyringError(`Key "${kid}" is not ${KEY_BYTES} bytes.`);
    if (keys.has(kid)) throw new KeyringError(`Key id "${kid}" appears twice.`);
    keys.set(kid, Buffer.from(key));
  });
  return { primary: { kid: primary.kid, key: keys.get(primary.kid)! }, keys };
}

/** Parses `kid:base64key[,kid:base64key…]`, the TOKEN_ENCRYPTION_KEYS format. */
export function parseKeyring(value: string): Keyring {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, index) => {
      const separator = entry.indexOf(':');
      if (separator < 1) throw new KeyringError(`Key ${index + 1} is not in kid:base64key form.`);
      const kid = entry.slice(0, separator);
      return { kid, key: Buffer.from(entry.slice(separator + 1), 'base64') };
    });
  return createKeyring(entries);
}

/** A fresh random key in TOKEN_ENCRYPTION_KEYS entry form. */
export function generateKeyEntry(kid: string): string {
  return `${kid}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export type LoadKeyringOptions = {
  /** TOKEN_ENCRYPTION_KEYS, if set. */
  value?: string;
  isProduction: boolean;
  /** Where development and test keep their generated key. */
  keyFile?: string;
};

/**
 * The configured keyring, or in development and test a generated one persisted to `keyFile` so
 * secrets written before a restart stay readable. Production never falls back: a key on a
 * server's disk would be lost with the instance and is not shared between instances.
 */
export function loadKeyring({ value, isProduction, keyFile = LOCAL_KEY_FILE }: LoadKeyringOptions): Keyring {
  if (value) return parseKeyring(value);
  if (isProduction) throw new KeyringError('TOKEN_ENCRYPTION_KEYS must be set in production.');
  return parseKeyring(readOrCreateLocalKey(keyFile));
}

function readOrCreateLocalKey(keyFile: string): string {
  mkdirSync(path.dirname(keyFile), { recursive: true });
  try {
    // `wx` fails if the file exists, so two processes starting together cannot overwrite each other.
    writeFileSync(keyFile, `${generateKeyEntry(`local-${randomBytes(4).toString('hex')}`)}\n`, {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(keyFile, 0o600);
  return readFileSync(keyFile, 'utf8').trim();
}

let cached: Keyring | undefined;

/** The app-wide keyring from the environment, loaded once per process. */
export function getKeyring(): Keyring {
  cached ??= loadKeyring({ value: env.TOKEN_ENCRYPTION_KEYS, isProduction: env.isProduction });
  return cached;
}
