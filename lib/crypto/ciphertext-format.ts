import { DecryptionError } from './decryption-error';

/**
 * Stored secrets are one ASCII string:
 *
 *   v1.<kid>.<iv>.<ciphertext>.<tag>
 *
 * - `v1`: format version; a future algorithm gets `v2` and old values stay readable.
 * - `kid`: id of the keyring key that encrypted it ([A-Za-z0-9_-]{1,32}, never contains a dot),
 *   so decryption picks the right key and rotation can skip values already under the newest one.
 * - `iv` (12 random bytes), `ciphertext` (empty for an empty plaintext), `tag` (16 bytes):
 *   unpadded base64url.
 *
 * The version and kid travel in clear text but are authenticated: they are part of the GCM
 * additional data (see token-cipher.ts), together with the table, column and row the value lives in.
 */

export const CIPHERTEXT_VERSION = 'v1';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export type CiphertextParts = {
  kid: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
};

export function formatCiphertext({ kid, iv, ciphertext, tag }: CiphertextParts): string {
  return [CIPHERTEXT_VERSION, kid, iv, ciphertext, tag]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Splits a stored value; any deviation from the canonical encoding counts as malformed. */
export function parseCiphertext(value: string): CiphertextParts {
  const segments = value.split('.');
  if (segments.length !== 5) throw new DecryptionError('malformed');
  const [version, kid, iv, ciphertext, tag] = segments as [string, string, string, string, string];
  if (version !== CIPHERTEXT_VERSION || !KEY_ID_PATTERN.test(kid)) throw new DecryptionError('malformed');
  const parts = { kid, iv: decode(iv), ciphertext: decode(ciphertext), tag: decode(tag) };
  if (parts.iv.length !== IV_BYTES || parts.tag.length !== TAG_BYTES) throw new DecryptionError('malformed');
  return parts;
}

/** The key id of a stored value, without decrypting it. */
export function readKeyId(value: string): string {
  return parseCiphertext(value).kid;
}

// Node's decoder ignores stray characters and the unused low bits of the last character, so two
// different strings could decode to the same bytes. Round-tripping rejects every non-canonical form.
function decode(segment: string): Buffer {
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw new DecryptionError('malformed');
  return bytes;
}
