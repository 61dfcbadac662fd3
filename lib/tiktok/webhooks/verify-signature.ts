import { createHmac, timingSafeEqual } from 'node:crypto';

/** TikTok's docs leave the window to the app; 300 s is what integrators settled on (5 s breaks on clock skew). */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

export type VerifySignatureOptions = {
  /** The `TikTok-Signature` header, e.g. `t=1633174587,s=18494715…afe66`. */
  header: string | null | undefined;
  /** The request body exactly as received: the signature covers these bytes, not re-serialised JSON. */
  rawBody: string | Uint8Array;
  /** The app secret of the app whose webhook URL this is (Login Kit client secret or Business app secret). */
  secret: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
};

export type SignatureFailure = 'unconfigured' | 'missing' | 'malformed' | 'mismatch' | 'stale' | 'future';

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

const TIMESTAMP = /^\d{1,12}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

type ParsedHeader = { timestamp: string; signatures: string[] };

/**
 * Splits `k=v` pairs on commas. Tolerates spaces, reordering and fields TikTok may add later;
 * several `s` values are all candidates (room for a secret rotation on TikTok's side).
 */
export function parseSignatureHeader(header: string): ParsedHeader | null {
  let timestamp: string | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const key = part.slice(0, separator).trim().toLowerCase();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      // Two different timestamps cannot both be what was signed.
      if (timestamp !== null && timestamp !== value) return null;
      timestamp = value;
    } else if (key === 's') signatures.push(value);
  }
  if (timestamp === null || !TIMESTAMP.test(timestamp)) return null;
  const valid = signatures.filter((signature) => HEX_SHA256.test(signature));
  return valid.length > 0 ? { timestamp, signatures: valid } : null;
}

/**
 * Verifies a TikTok webhook signature: lowercase-hex HMAC-SHA256 keyed by the app secret over
 * `t + "." + rawBody`, compared in constant time, then `t` checked against the freshness window in
 * both directions (a far-future `t` would otherwise let a captured request be replayed later).
 * Pure: the caller supplies the clock and the secret. The failure reason is for tests and logs
 * only; responses must not reveal it.
 */
export function verifySignature({
  header,
  rawBody,
  secret,
  nowSeconds,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
}: VerifySignatureOptions): SignatureCheck {
  if (!secret) return { ok: false, reason: 'unconfigured' };
  if (!header?.trim()) return { ok: false, reason: 'missing' };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };

  const expected = createHmac('sha256', secret).update(`${parsed.timestamp}.`).update(rawBody).digest();
  const matches = parsed.signatures.some((candidate) =>
    timingSafeEqual(expected, Buffer.from(candidate, 'hex')),
  );
  if (!matches) return { ok: false, reason: 'mismatch' };

  const timestamp = Number(parsed.timestamp);
  const age = nowSeconds - timestamp;
  if (age > toleranceSeconds) return { ok: false, reason: 'stale' };
  if (-age > toleranceSeconds) return { ok: false, reason: 'future' };
  return { ok: true, timestamp };
}
