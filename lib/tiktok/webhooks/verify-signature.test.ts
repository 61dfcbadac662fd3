import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, verifySignature } from './verify-signature';

const LOGIN_KIT_SECRET = 'sbx-secret-login-kit-0001';
const BUSINESS_SECRET = 'sbx-secret-business-0001';
const NOW = 1_760_000_000;
const BODY = JSON.stringify({
  client_key: 'sbxclientkey0001',
  event: 'authorization.removed',
  create_time: NOW,
  user_openid: 'open-1',
  content: '{"reason":1}',
});

function sign(secret: string, body: string | Uint8Array, t: number | string) {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

function check(
  header: string | null,
  options: { body?: string | Uint8Array; secret?: string; now?: number } = {},
) {
  return verifySignature({
    header,
    rawBody: options.body ?? BODY,
    secret: options.secret ?? LOGIN_KIT_SECRET,
    nowSeconds: options.now ?? NOW,
  });
}

describe('verifySignature', () => {
  it('accepts a valid signature and returns the signed timestamp', () => {
    expect(check(`t=${NOW},s=${sign(LOGIN_KIT_SECRET, BODY, NOW)}`)).toEqual({ ok: true, timestamp: NOW });
  });

  it('accepts uppercase hex and the raw body as bytes', () => {
    const signature = sign(LOGIN_KIT_SECRET, BODY, NOW).toUpperCase();
    expect(check(`t=${NOW},s=${signature}`, { body: Buffer.from(BODY) }).ok).toBe(true);
  });

  it('rejects a signature made with the wrong secret', () => {
    expect(check(`t=${NOW},s=${sign('not-the-secret', BODY, NOW)}`)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('rejects the other app’s secret: business-signed events fail the Login Kit route and vice versa', () => {
    const businessSigned = `t=${NOW},s=${sign(BUSINESS_SECRET, BODY, NOW)}`;
    const loginKitSigned = `t=${NOW},s=${sign(LOGIN_KIT_SECRET, BODY, NOW)}`;
    expect(check(businessSigned, { secret: LOGIN_KIT_SECRET }).ok).toBe(false);
    expect(check(loginKitSigned, { secret: BUSINESS_SECRET }).ok).toBe(false);
    expect(check(businessSigned, { secret: BUSINESS_SECRET }).ok).toBe(true);
  });

  it('rejects a stale timestamp, at the edge of the window and beyond', () => {
    const t = NOW - 301;
    expect(check(`t=${t},s=${sign(LOGIN_KIT_SECRET, BODY, t)}`)).toEqual({ ok: false, reason: 'stale' });
    const edge = NOW - 300;
    expect(check(`t=${edge},s=${sign(LOGIN_KIT_SECRET, BODY, edge)}`).ok).toBe(true);
  });

  it('rejects a timestamp further in the future than the window, tolerates small skew', () => {
    const far = NOW + 301;
    expect(check(`t=${far},s=${sign(LOGIN_KIT_SECRET, BODY, far)}`)).toEqual({ ok: false, reason: 'future' });
    const skewed = NOW + 30;
    expect(check(`t=${skewed},s=${sign(LOGIN_KIT_SECRET, BODY, skewed)}`).ok).toBe(true);
  });

  it('honours a configured window', () => {
    const t = NOW - 10;
    const header = `t=${t},s=${sign(LOGIN_KIT_SECRET, BODY, t)}`;
    const options = { header, rawBody: BODY, secret: LOGIN_KIT_SECRET, nowSeconds: NOW };
    expect(verifySignature({ ...options, toleranceSeconds: 5 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature({ ...options, toleranceSeconds: 60 }).ok).toBe(true);
  });

  it('rejects a missing or blank header', () => {
    expect(check(null)).toEqual({ ok: false, reason: 'missing' });
    expect(check('   ')).toEqual({ ok: false, reason: 'missing' });
  });

  it('rejects malformed headers', () => {
    const good = sign(LOGIN_KIT_SECRET, BODY, NOW);
    for (const header of [
      'garbage',
      `s=${good}`,
      `t=${NOW}`,
      `t=,s=${good}`,
      `t=abc,s=${good}`,
      `t=${NOW},s=xyz`,
      `t=${NOW},s=${good.slice(0, 63)}`,
      `t=${NOW};s=${good}`,
      `t=${NOW},t=${NOW - 1},s=${good}`,
      `t=-${NOW},s=${good}`,
    ]) {
      expect(check(header), header).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('tolerates extra fields, reordered fields and spaces after commas', () => {
    const good = sign(LOGIN_KIT_SECRET, BODY, NOW);
    for (const header of [
      `s=${good},t=${NOW}`,
      `t=${NOW},v=2,s=${good}`,
      `t=${NOW}, s=${good}`,
      `foo=bar,s=${good},t=${NOW},x=1=2`,
      `T=${NOW},S=${good}`,
      `t=${NOW},s=${'0'.repeat(64)},s=${good}`,
    ]) {
      expect(check(header).ok, header).toBe(true);
    }
  });

  it('rejects a body altered by one byte', () => {
    const header = `t=${NOW},s=${sign(LOGIN_KIT_SECRET, BODY, NOW)}`;
    const bytes = Buffer.from(BODY);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1;
    expect(check(header, { body: bytes })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(header, { body: `${BODY} ` })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('binds the timestamp: a valid signature replayed with another t fails', () => {
    const signature = sign(LOGIN_KIT_SECRET, BODY, NOW - 1000);
    expect(check(`t=${NOW},s=${signature}`)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses everything when the app secret is not configured', () => {
    const header = `t=${NOW},s=${sign('', BODY, NOW)}`;
    expect(verifySignature({ header, rawBody: BODY, secret: undefined, nowSeconds: NOW })).toEqual({
      ok: false,
      reason: 'unconfigured',
    });
    expect(verifySignature({ header, rawBody: BODY, secret: '', nowSeconds: NOW }).ok).toBe(false);
  });
});

describe('parseSignatureHeader', () => {
  it('keeps the timestamp text as sent, since that text is what was signed', () => {
    expect(parseSignatureHeader(`t=01633174587,s=${'a'.repeat(64)}`)).toEqual({
      timestamp: '01633174587',
      signatures: ['a'.repeat(64)],
    });
  });
});
