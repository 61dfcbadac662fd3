import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export type PkcePair = { verifier: string; challenge: string };

/**
 * PKCE the way TikTok defines it, which is not RFC 7636: the challenge is the lowercase **hex**
 * SHA-256 of the verifier, not base64url (Login Kit desktop docs; TikTok's Android SDK does the same).
 */
export function createPkcePair(): PkcePair {
  // 64 characters from the 66-letter RFC alphabet; bytes ≥ 198 (= 3 × 66) are skipped so none is favoured.
  let verifier = '';
  while (verifier.length < 64) {
    for (const byte of randomBytes(96)) {
      if (byte < 198 && verifier.length < 64) verifier += VERIFIER_ALPHABET[byte % 66];
    }
  }
  return { verifier, challenge: hexChallenge(verifier) };
}

export function hexChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'utf8').digest('hex');
}
