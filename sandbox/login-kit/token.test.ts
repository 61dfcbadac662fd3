import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_PREFIXES } from '../core/config';
import type { RunningSandbox } from '../server';
import { hexChallenge } from './pkce';
import {
  authorizeUrl,
  createUser,
  loginKitApp,
  postForm,
  startTestSandbox,
  submitConsent,
  VERIFIER,
} from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

async function freshCode(params: Record<string, string | null> = {}) {
  const user = await createUser(sandbox);
  const callback = await submitConsent(sandbox, { url: authorizeUrl(sandbox, params), userId: user.id });
  return callback.searchParams.get('code') ?? '';
}

function exchange(code: string, overrides: Record<string, string | null> = {}) {
  const app = loginKitApp(sandbox);
  const values: Record<string, string | null> = {
    client_key: app.id,
    client_secret: app.secret,
    code,
    grant_type: 'authorization_code',
    redirect_uri: app.redirectUris[0] ?? '',
    code_verifier: VERIFIER,
    ...overrides,
  };
  return postForm(
    sandbox,
    '/v2/oauth/token/',
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<string, string>,
  );
}

async function setQuirks(quirks: Record<string, boolean>) {
  await fetch(`${sandbox.url}/_sandbox/quirks`, { method: 'POST', body: JSON.stringify(quirks) });
}

describe('POST /v2/oauth/token/ authorization_code', () => {
  it('answers flat token JSON with the documented fields and the current docs’ 2 h / 180 d lifetimes', async () => {
    const { status, json } = await exchange(await freshCode());
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(
      [
        'access_token',
        'expires_in',
        'open_id',
        'refresh_expires_in',
        'refresh_token',
        'scope',
        'token_type',
      ].sort(),
    );
    expect(json.access_token).toMatch(
      new RegExp(`^${SECRET_PREFIXES.loginKitAccess.replace('.', '\\.')}\\.`),
    );
    expect(json.refresh_token).toMatch(
      new RegExp(`^${SECRET_PREFIXES.loginKitRefresh.replace('.', '\\.')}\\.`),
    );
    expect(json).toMatchObject({ expires_in: 7_200, refresh_expires_in: 15_552_000, token_type: 'Bearer' });
    expect(json.scope).toBe(
      'user.info.basic,user.info.profile,user.info.stats,video.list,video.publish,video.upload',
    );
  });

  it('the legacy profile gives the older docs’ 24 h / 365 d', async () => {
    await fetch(`${sandbox.url}/_sandbox/lifetimes`, { method: 'POST', body: '{"profile":"legacy"}' });
    try {
      const { json } = await exchange(await freshCode());
      expect(json).toMatchObject({ expires_in: 86_400, refresh_expires_in: 31_536_000 });
    } finally {
      await fetch(`${sandbox.url}/_sandbox/lifetimes`, { method: 'POST', body: '{"profile":"current"}' });
    }
  });

  it('accepts a code exchanged without PKCE when none was sent', async () => {
    const code = await freshCode({ code_challenge: null, code_challenge_method: null });
    expect((await exchange(code, { code_verifier: null })).status).toBe(200);
  });

  describe.each([
    ['HTTP 200 with the error body (default)', true],
    ['the usual OAuth 4xx statuses (switch)', false],
  ])('errors as %s', (_mode, as200) => {
    beforeAll(() => setQuirks({ oauthErrorsWith200: as200 }));
    afterAll(() => setQuirks({ oauthErrorsWith200: true }));

    it.each([
      ['client_key missing', { client_key: null }, 401, 'invalid_client'],
      ['client_id sent instead', { client_key: null, client_id: 'sbxclientkey0001' }, 401, 'invalid_client'],
      ['client_key unknown', { client_key: 'unknown' }, 401, 'invalid_client'],
      ['client_secret missing', { client_secret: null }, 401, 'invalid_client'],
      ['client_secret wrong', { client_secret: 'wrong' }, 401, 'invalid_client'],
      ['grant_type missing', { grant_type: null }, 400, 'invalid_request'],
      ['grant_type unsupported', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
      [
        'client_credentials (Research API only)',
        { grant_type: 'client_credentials' },
        400,
        'unauthorized_client',
      ],
      ['code missing', { code: null }, 400, 'invalid_request'],
      ['code unknown', { code: 'sbxcode_nope' }, 400, 'invalid_grant'],
      ['redirect_uri different', { redirect_uri: 'http://localhost:3000/other' }, 400, 'invalid_request'],
      ['code_verifier missing', { code_verifier: null }, 400, 'invalid_request'],
      ['code_verifier wrong', { code_verifier: `${VERIFIER}x` }, 400, 'invalid_request'],
    ])('%s → %i %s', async (_name, overrides, status, error) => {
      const result = await exchange(await freshCode(), overrides);
      expect(result.status).toBe(as200 ? 200 : status);
      expect(result.json).toMatchObject({ error });
      expect(typeof result.json.error_description).toBe('string');
      expect(result.json.log_id).toMatch(/^\d{14}[0-9A-F]+$/);
    });

    it('a JSON body is "The request parameters are malformed." (invalid_request)', async () => {
      const app = loginKitApp(sandbox);
      const response = await fetch(`${sandbox.url}/v2/oauth/token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_key: app.id,
          client_secret: app.secret,
          grant_type: 'authorization_code',
          code: await freshCode(),
        }),
      });
      expect(response.status).toBe(as200 ? 200 : 400);
      expect(await response.json()).toMatchObject({
        error: 'invalid_request',
        error_description: 'The request parameters are malformed.',
      });
    });

    it('codes are single use', async () => {
      const code = await freshCode();
      expect((await exchange(code)).status).toBe(200);
      const again = await exchange(code);
      expect(again).toMatchObject({ status: as200 ? 200 : 400, json: { error: 'invalid_grant' } });
      expect(again.json.access_token).toBeUndefined();
    });

    it('codes expire after 10 minutes of sandbox time', async () => {
      const code = await freshCode();
      sandbox.ctx.clock.travel(10 * 60 * 1000 + 1);
      expect(await exchange(code)).toMatchObject({
        status: as200 ? 200 : 400,
        json: { error: 'invalid_grant' },
      });
    });
  });

  it('redirect mismatch uses TikTok’s documented wording', async () => {
    const { json } = await exchange(await freshCode(), { redirect_uri: 'http://localhost:3000/x' });
    expect(json.error_description).toBe('Redirect_uri is not matched with the uri when requesting code.');
  });

  it('PKCE mismatch says "Code verifier or code challenge is invalid."', async () => {
    const { json } = await exchange(await freshCode(), { code_verifier: 'short' });
    expect(json.error_description).toBe('Code verifier or code challenge is invalid.');
  });

  it('a business code cannot be exchanged here', async () => {
    const business = sandbox.ctx.config.apps.find((app) => app.kind === 'business');
    const user = sandbox.ctx.users.list('business')[0];
    const url = authorizeUrl(sandbox, {
      client_key: business?.id ?? '',
      redirect_uri: business?.redirectUris[0] ?? '',
      scope: 'user.info.basic',
      code_challenge: null,
    });
    const callback = await submitConsent(sandbox, { url, userId: user?.id ?? '' });
    const result = await exchange(callback.searchParams.get('code') ?? '', { code_verifier: null });
    expect(result.json.error).toBe('invalid_grant');
  });

  it('base64url challenges are refused unless the quirk switch allows them', async () => {
    const { createHash } = await import('node:crypto');
    const b64 = createHash('sha256').update(VERIFIER).digest('base64url');
    expect((await exchange(await freshCode({ code_challenge: b64 }))).json.error).toBe('invalid_request');
    await setQuirks({ pkceBase64url: true });
    try {
      expect((await exchange(await freshCode({ code_challenge: b64 }))).status).toBe(200);
      expect((await exchange(await freshCode({ code_challenge: hexChallenge(VERIFIER) }))).status).toBe(200);
    } finally {
      await setQuirks({ pkceBase64url: false });
    }
  });
});
