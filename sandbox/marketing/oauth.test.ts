import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../business/test-helpers';
import { SECRET_PREFIXES } from '../core/config';
import { type RunningSandbox, startSandbox } from '../server';
import { ADS_APP, connectAdvertisers } from './testing';

let sandbox: RunningSandbox;
let advertiserIds: string[];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  const list = await (await fetch(`${sandbox.url}/_sandbox/marketing/advertisers`)).json();
  advertiserIds = (list as { advertisers: { advertiserId: string }[] }).advertisers.map(
    (a) => a.advertiserId,
  );
});
afterAll(() => sandbox.close());

const REDIRECT = () => sandbox.ctx.config.apps.find((a) => a.kind === 'marketing')?.redirectUris[0] ?? '';

describe('portal auth page', () => {
  it('lists the three seeded advertisers with checkboxes', async () => {
    expect(advertiserIds).toHaveLength(3);
    const page = await fetch(
      `${sandbox.url}/portal/auth?app_id=${ADS_APP.id}&state=xyz&redirect_uri=${encodeURIComponent(REDIRECT())}`,
    );
    const html = await page.text();
    expect(page.status).toBe(200);
    for (const id of advertiserIds) expect(html).toContain(`value="${id}"`);
    expect(html).toContain('type="checkbox"');
  });

  it.each([
    ['unknown app_id', `app_id=1&state=s`],
    [
      'unregistered redirect_uri',
      `app_id=${ADS_APP.id}&redirect_uri=${encodeURIComponent('http://evil.test/cb')}`,
    ],
  ])('refuses %s with an HTML 400', async (_name, query) => {
    expect((await fetch(`${sandbox.url}/portal/auth?${query}`)).status).toBe(400);
  });

  it('Approve redirects with auth_code and state; the code buys a token for the picked advertisers', async () => {
    const form = new URLSearchParams({
      app_id: ADS_APP.id,
      redirect_uri: REDIRECT(),
      state: 'st-1',
      decision: 'approve',
    });
    form.append('advertiser_id', advertiserIds[0] ?? '');
    form.append('advertiser_id', advertiserIds[2] ?? '');
    const response = await fetch(`${sandbox.url}/portal/auth`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT());
    expect(location.searchParams.get('state')).toBe('st-1');
    const authCode = location.searchParams.get('auth_code') ?? '';
    expect(authCode.startsWith(SECRET_PREFIXES.adsCode)).toBe(true);
    const { json } = await callApi(sandbox, 'oauth2/access_token/', {
      body: { app_id: ADS_APP.id, secret: ADS_APP.secret, auth_code: authCode },
    });
    expect(json).toMatchObject({ code: 0, message: 'OK', request_id: expect.any(String) });
    expect(json.data).toEqual({
      access_token: expect.stringMatching(new RegExp(`^${SECRET_PREFIXES.adsAccess}`)),
      advertiser_ids: [advertiserIds[0], advertiserIds[2]],
      scope: expect.arrayContaining([expect.any(Number)]),
    });
    const again = await callApi(sandbox, 'oauth2/access_token/', {
      body: { app_id: ADS_APP.id, secret: ADS_APP.secret, auth_code: authCode },
    });
    expect(again.json.code).toBe(40110);
  });

  it('Deny redirects with error=access_denied and the state', async () => {
    const form = new URLSearchParams({
      app_id: ADS_APP.id,
      redirect_uri: REDIRECT(),
      state: 'st-2',
      decision: 'deny',
    });
    const response = await fetch(`${sandbox.url}/portal/auth`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-2');
    expect(location.searchParams.has('auth_code')).toBe(false);
  });
});

describe('POST oauth2/access_token/', () => {
  it.each([
    ['wrong secret', { secret: 'nope' }, 40101],
    ['unknown app_id', { app_id: '42' }, 40101],
    ['missing auth_code', { auth_code: undefined }, 40002],
    ['unknown auth_code', { auth_code: 'sbxacode_nope' }, 40110],
  ])('refuses %s', async (_name, overrides, code) => {
    const body = { app_id: ADS_APP.id, secret: ADS_APP.secret, auth_code: 'x', ...overrides };
    expect((await callApi(sandbox, 'oauth2/access_token/', { body })).json.code).toBe(code);
  });

  it('refuses an auth_code older than one hour with 40110', async () => {
    const minted = await fetch(`${sandbox.url}/_sandbox/marketing/auth-code`, { method: 'POST', body: '{}' });
    const { authCode } = (await minted.json()) as { authCode: string };
    sandbox.ctx.clock.travel(3601_000);
    const body = { app_id: ADS_APP.id, secret: ADS_APP.secret, auth_code: authCode };
    expect((await callApi(sandbox, 'oauth2/access_token/', { body })).json.code).toBe(40110);
  });
});

describe('GET oauth2/advertiser/get/', () => {
  const list = (
    token: string | null,
    query: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) =>
    callApi<{ list: { advertiser_id: string; advertiser_name: string }[] }>(
      sandbox,
      'oauth2/advertiser/get/',
      {
        token,
        headers,
        query: { app_id: ADS_APP.id, secret: ADS_APP.secret, ...query },
      },
    );

  it('lists the authorized advertisers as strings, and never expires', async () => {
    const { accessToken } = await connectAdvertisers(sandbox, advertiserIds.slice(0, 2));
    sandbox.ctx.clock.travel(400 * 86_400_000);
    const { json } = await list(accessToken);
    expect(json.code).toBe(0);
    expect(json.data.list).toEqual([
      { advertiser_id: advertiserIds[0], advertiser_name: 'Sandbox Shop US' },
      { advertiser_id: advertiserIds[1], advertiser_name: 'Sandbox Shop EU' },
    ]);
  });

  it('maps token and app problems to their codes', async () => {
    const { accessToken } = await connectAdvertisers(sandbox);
    const cases: [string, Promise<{ json: { code: number } }>, number][] = [
      ['missing Access-Token', list(null), 40104],
      ['Authorization: Bearer only', list(null, {}, { Authorization: `Bearer ${accessToken}` }), 40104],
      ['Bearer prefix', list(`Bearer ${accessToken}`), 40105],
      ['unknown token', list('ads.sbx.nope'), 40105],
      ['wrong secret', list(accessToken, { secret: 'x' }), 40101],
      ['missing app_id', list(accessToken, { app_id: '' }), 40002],
    ];
    for (const [name, call, code] of cases) expect((await call).json.code, name).toBe(code);
  });

  it('answers 40105 after the control API invalidates the token, or after revoke_token', async () => {
    const a = await connectAdvertisers(sandbox);
    const b = await connectAdvertisers(sandbox);
    await fetch(`${sandbox.url}/_sandbox/marketing/tokens/invalidate`, {
      method: 'POST',
      body: JSON.stringify({ accessToken: a.accessToken }),
    });
    expect((await list(a.accessToken)).json.code).toBe(40105);
    expect((await list(b.accessToken)).json.code).toBe(0);
    const revoke = await callApi(sandbox, 'oauth2/revoke_token/', {
      body: { app_id: ADS_APP.id, secret: ADS_APP.secret, access_token: b.accessToken },
    });
    expect(revoke.json).toMatchObject({
      code: 0,
      data: { app_id: ADS_APP.id, advertiser_ids: advertiserIds },
    });
    expect((await list(b.accessToken)).json.code).toBe(40105);
  });
});
