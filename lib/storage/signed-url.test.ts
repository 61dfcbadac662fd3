import { describe, expect, it } from 'vitest';
import {
  deriveSigningKey,
  type SignedObjectClaims,
  signObjectClaims,
  verifyObjectSignature,
} from './signed-url';

const key = deriveSigningKey('a-long-enough-auth-secret-for-the-tests-0001', 'media-url');
const claims: SignedObjectClaims = {
  id: 'media-1',
  key: 'media/ws-1/video/media-1.mp4',
  expiresAt: 1_800_000_000,
  disposition: 'inline',
};

describe('signed object URLs', () => {
  it('verifies its own signature', () => {
    expect(verifyObjectSignature(claims, signObjectClaims(claims, key), key)).toBe(true);
  });

  it.each([
    ['another object', { id: 'media-2' }],
    ['another key', { key: 'media/ws-2/video/media-1.mp4' }],
    ['a later expiry', { expiresAt: claims.expiresAt + 1 }],
    ['another disposition', { disposition: 'attachment' as const }],
  ])('rejects a signature moved to %s', (_name, change) => {
    expect(verifyObjectSignature({ ...claims, ...change }, signObjectClaims(claims, key), key)).toBe(false);
  });

  it('rejects a truncated or altered signature and one made with another key', () => {
    const signature = signObjectClaims(claims, key);
    expect(verifyObjectSignature(claims, signature.slice(0, -1), key)).toBe(false);
    expect(
      verifyObjectSignature(claims, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, key),
    ).toBe(false);
    expect(
      verifyObjectSignature(
        claims,
        signature,
        deriveSigningKey('another-secret-of-enough-length-000', 'media-url'),
      ),
    ).toBe(false);
    expect(
      verifyObjectSignature(
        claims,
        signature,
        deriveSigningKey('a-long-enough-auth-secret-for-the-tests-0001', 'x'),
      ),
    ).toBe(false);
  });
});
