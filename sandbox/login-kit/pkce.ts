import { createHash } from 'node:crypto';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * TikTok's S256 challenge is the lowercase HEX SHA-256 of the verifier, not RFC 7636 base64url.
 * Some clients (Arctic) send base64url; that is accepted only when the quirk switch allows it.
 */
export function verifyPkce(input: { verifier: string; challenge: string; allowBase64url: boolean }): boolean {
  if (!VERIFIER.test(input.verifier)) return false;
  const digest = createHash('sha256').update(input.verifier, 'utf8').digest();
  if (digest.toString('hex') === input.challenge.toLowerCase()) return true;
  return input.allowBase64url && digest.toString('base64url') === input.challenge;
}

/** Hex challenge as TikTok computes it; exported for tests and the control page. */
export function hexChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'utf8').digest('hex');
}
