import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a signed object URL grants: one object (id and key), until a time, shown one way. */
export type SignedObjectClaims = {
  id: string;
  key: string;
  /** Unix seconds. */
  expiresAt: number;
  disposition: 'inline' | 'attachment';
};

/**
 * A 32-byte key for one purpose, derived from an app secret with HKDF-SHA256: links signed for
 * media can never pass as anything else signed with the same secret, and no new variable is needed.
 */
export function deriveSigningKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'tokdesk', purpose, 32));
}

function payload(claims: SignedObjectClaims): string {
  return ['v1', claims.id, claims.key, String(claims.expiresAt), claims.disposition].join('\n');
}

/** HMAC-SHA256 over every claim, base64url. */
export function signObjectClaims(claims: SignedObjectClaims, key: Buffer): string {
  return createHmac('sha256', key).update(payload(claims)).digest('base64url');
}

/** Constant-time check of a signature against the claims (expiry is the caller's to check). */
export function verifyObjectSignature(claims: SignedObjectClaims, signature: string, key: Buffer): boolean {
  const expected = Buffer.from(signObjectClaims(claims, key));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
