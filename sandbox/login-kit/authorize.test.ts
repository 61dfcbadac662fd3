import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_PREFIXES } from '../core/config';
import type { RunningSandbox } from '../server';
import {
  ALL_SCOPES,
  authorizeUrl,
  createUser,
  loginKitApp,
  startTestSandbox,
  submitConsent,
} from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const get = (url: URL | string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });

describe('GET /v2/auth/authorize (consent page)', () => {
  it.each(['/v2/auth/authorize/', '/v2/auth/authorize'])('serves the consent page at %s', async (path) => {
    const url = authorizeUrl(sandbox);
    const response = await get(`${sandbox.url}${path}?${url.searchParams}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    for (const scope of ALL_SCOPES) expect(html).toContain(`value="${scope}" checked`);
    expect(html).toContain('Sandbox Chef');
    expect(html).toContain('Every scope can be unticked');
    expect(html).toContain('Create a new sandbox user');
    expect(html).not.toContain('sandbox_bakery');
  });

  it('lists business users when client_key is the business app', async () => {
    const business = sandbox.ctx.config.apps.find((app) => app.kind === 'business');
    const url = authorizeUrl(sandbox, {
      client_key: business?.id ?? '',
      redirect_uri: business?.redirectUris[0] ?? '',
      scope: 'user.info.basic,message.list.read',
      code_challenge: null,
      code_challenge_method: null,
    });
    const html = await (await get(url)).text();
    expect(html).toContain('business account');
    expect(html).not.toContain('Sandbox Chef');
  });

  it.each([
    ['missing client_key', { client_key: null }, 'Missing client_key'],
    ['client_id instead of client_key', { client_key: null, client_id: 'x' }, 'not client_id'],
    ['unknown client_key', { client_key: 'nope' }, 'not registered'],
    ['unregistered redirect_uri', { redirect_uri: 'https://evil.example/cb' }, 'redirect_uri'],
    [
      'redirect_uri with extra query',
      { redirect_uri: 'http://localhost:3000/api/connect/creator/callback?x=1' },
      'redirect_uri',
    ],
  ])('shows an error page, never a redirect, for %s', async (_name, params, message) => {
    const response = await get(authorizeUrl(sandbox, params));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(message);
  });

  it.each([
    ['response_type is not code', { response_type: 'token' }, 'unsupported_response_type'],
    ['scope is missing', { scope: null }, 'invalid_request'],
    ['a scope is unknown', { scope: 'user.info.basic,user.email' }, 'invalid_scope'],
    ['code_challenge_method is plain', { code_challenge_method: 'plain' }, 'invalid_request'],
  ])('redirects with an error when %s', async (_name, params, error) => {
    const response = await get(authorizeUrl(sandbox, params));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(loginKitApp(sandbox).redirectUris[0]);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('state-123');
  });

  it('requires code_challenge when the app is configured with pkce=required', async () => {
    const app = loginKitApp(sandbox);
    app.pkce = 'required';
    try {
      const response = await get(
        authorizeUrl(sandbox, { code_challenge: null, code_challenge_method: null }),
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('code_challenge');
    } finally {
      app.pkce = 'optional';
    }
    const optional = await get(authorizeUrl(sandbox, { code_challenge: null, code_challenge_method: null }));
    expect(optional.status).toBe(200);
  });

  it('accepts a challenge without code_challenge_method, as TikTok’s Android SDK sends it', async () => {
    expect((await get(authorizeUrl(sandbox, { code_challenge_method: null }))).status).toBe(200);
  });
});

describe('POST /v2/auth/authorize (decision)', () => {
  it('approves: redirects with code, plural comma-separated scopes and state', async () => {
    const user = await createUser(sandbox);
    const url = authorizeUrl(sandbox, { state: 'a b&c' });
    const callback = await submitConsent(sandbox, { url, userId: user.id });
    expect(callback.searchParams.get('code')).toMatch(new RegExp(`^${SECRET_PREFIXES.loginKitCode}_`));
    // Real codes end in characters that need URL-decoding.
    expect(callback.search).toContain('%21');
    expect(callback.searchParams.get('scopes')).toBe(ALL_SCOPES.join(','));
    expect(callback.searchParams.get('state')).toBe('a b&c');
    expect(callback.searchParams.has('scope')).toBe(false);
  });

  it('grants only the scopes left ticked (any of them can be unticked)', async () => {
    const user = await createUser(sandbox);
    const callback = await submitConsent(sandbox, {
      url: authorizeUrl(sandbox),
      userId: user.id,
      granted: ['video.list', 'user.info.stats', 'not.requested'],
    });
    expect(callback.searchParams.get('scopes')).toBe('video.list,user.info.stats');
    const none = await submitConsent(sandbox, { url: authorizeUrl(sandbox), userId: user.id, granted: [] });
    expect(none.searchParams.get('code')).toBeTruthy();
    expect(none.searchParams.get('scopes')).toBe('');
  });

  it('denies: access_denied with a description and the state', async () => {
    const user = await createUser(sandbox);
    const callback = await submitConsent(sandbox, {
      url: authorizeUrl(sandbox),
      userId: user.id,
      decision: 'deny',
    });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses a business user for the Login Kit app', async () => {
    const business = sandbox.ctx.users.list('business')[0];
    await expect(
      submitConsent(sandbox, { url: authorizeUrl(sandbox), userId: business?.id ?? '' }),
    ).rejects.toThrow(/400/);
  });

  it('issues business codes for the business app, stored for the business token endpoint', async () => {
    const app = sandbox.ctx.config.apps.find((candidate) => candidate.kind === 'business');
    const user = sandbox.ctx.users.list('business')[0];
    const url = authorizeUrl(sandbox, {
      client_key: app?.id ?? '',
      redirect_uri: app?.redirectUris[0] ?? '',
      scope: 'user.info.basic,message.list.send',
      code_challenge: null,
      code_challenge_method: null,
    });
    const callback = await submitConsent(sandbox, { url, userId: user?.id ?? '' });
    const code = callback.searchParams.get('code') ?? '';
    expect(code.startsWith(`${SECRET_PREFIXES.businessCode}_`)).toBe(true);
    const stored = sandbox.ctx.authCodes.consume(code, sandbox.ctx.clock.nowMs());
    expect(stored).toMatchObject({
      appKind: 'business',
      userId: user?.id,
      scopes: ['user.info.basic', 'message.list.send'],
    });
  });

  it('creates a new sandbox user from the page and preselects it', async () => {
    const url = authorizeUrl(sandbox);
    const form = new URLSearchParams({
      authorize_query: url.searchParams.toString(),
      display_name: 'Fresh Face',
      privacy: 'private',
    });
    const response = await fetch(`${sandbox.url}/v2/auth/authorize/new-user`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const page = await (await get(new URL(response.headers.get('location') ?? '', sandbox.url))).text();
    const created = sandbox.ctx.users.list('creator').find((u) => u.displayName === 'Fresh Face');
    expect(created?.privacy).toBe('private');
    expect(page).toContain(`value="${created?.id}" checked`);
  });

  it('skips the page with disable_auto_auth=0 for a remembered user who already granted the scopes', async () => {
    const user = await createUser(sandbox);
    const form = new URLSearchParams({
      authorize_query: authorizeUrl(sandbox).searchParams.toString(),
      user_id: user.id,
      decision: 'approve',
    });
    for (const scope of ALL_SCOPES) form.append('granted_scope', scope);
    const first = await fetch(`${sandbox.url}/v2/auth/authorize/`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    const auto = await get(authorizeUrl(sandbox, { disable_auto_auth: '0' }), { headers: { cookie } });
    expect(auto.status).toBe(302);
    expect(new URL(auto.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const always = await get(authorizeUrl(sandbox, { disable_auto_auth: '1' }), { headers: { cookie } });
    expect(always.status).toBe(200);
  });
});
