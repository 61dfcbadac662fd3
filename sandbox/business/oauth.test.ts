import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS, SECRET_PREFIXES } from '../core/config';
import { type RunningSandbox, startSandbox } from '../server';
import { callApi } from './test-helpers';
import { BUSINESS_SCOPES, connectBusiness, issueBusinessCode } from './testing';

const { id: CLIENT_ID, secret: CLIENT_SECRET } = DEFAULT_CREDENTIALS.business;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
});
afterAll(() => sandbox.close());

const newUser = () => sandbox.ctx.users.create({ kind: 'business' }, sandbox.ctx.clock.nowMs());

function exchangeBody(overrides: Record<string, unknown> = {}) {
  const code = issueBusinessCode(sandbox, newUser());
  return {
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    grant_type: 'authorization_code',
    auth_code: code.code,
    redirect_uri: code.redirectUri,
    ...overrides,
  };
}

describe('POST tt_user/oauth2/token/', () => {
  it('exchanges auth_code for tokens in the {code, message, request_id, data} envelope', async () => {
    const user = newUser();
    const code = issueBusinessCode(sandbox, user, ['user.info.basic', 'message.list.send']);
    const { status, json } = await callApi(sandbox, 'tt_user/oauth2/token/', {
      body: {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'authorization_code',
        auth_code: code.code,
        redirect_uri: code.redirectUri,
      },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 0, message: 'OK', request_id: expect.any(String) });
    expect(json.data).toMatchObject({
      open_id: user.openId,
      scope: 'user.info.basic,message.list.send',
      access_token: expect.stringMatching(new RegExp(`^${SECRET_PREFIXES.businessAccess}`)),
      refresh_token: expect.stringMatching(new RegExp(`^${SECRET_PREFIXES.businessRefresh}`)),
      expires_in: 86_400,
      refresh_token_expires_in: 2_592_000,
    });
  });

  it.each([
    ['wrong client_secret', { client_secret: 'nope' }, 40101],
    ['unknown client_id', { client_id: '123' }, 40101],
    ['missing client_id', { client_id: undefined }, 40002],
    ['wrong grant_type', { grant_type: 'client_credentials' }, 40002],
    ['`code` instead of `auth_code`', { auth_code: undefined, code: 'x' }, 40002],
    ['unknown auth_code', { auth_code: 'sbxbcode_nope' }, 40110],
    ['mismatched redirect_uri', { redirect_uri: 'http://evil.test/cb' }, 40002],
  ])('refuses %s', async (_name, overrides, code) => {
    const { status, json } = await callApi(sandbox, 'tt_user/oauth2/token/', {
      body: exchangeBody(overrides),
    });
    expect(status).toBe(200);
    expect(json.code).toBe(code);
    expect(json.data).toEqual({});
  });

  it('refuses a used or expired auth_code with 40110', async () => {
    const body = exchangeBody();
    expect((await callApi(sandbox, 'tt_user/oauth2/token/', { body })).json.code).toBe(0);
    expect((await callApi(sandbox, 'tt_user/oauth2/token/', { body })).json.code).toBe(40110);
    const expired = exchangeBody();
    sandbox.ctx.clock.travel(11 * 60_000);
    expect((await callApi(sandbox, 'tt_user/oauth2/token/', { body: expired })).json.code).toBe(40110);
  });

  it('answers malformed JSON with 40002', async () => {
    const response = await fetch(`${sandbox.url}/open_api/v1.3/tt_user/oauth2/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(((await response.json()) as { code: number }).code).toBe(40002);
  });
});

describe('POST tt_user/oauth2/refresh_token/', () => {
  const refresh = (refreshToken: string, overrides: Record<string, unknown> = {}) =>
    callApi(sandbox, 'tt_user/oauth2/refresh_token/', {
      body: {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        ...overrides,
      },
    });

  it('rotates: new pair, old refresh token refused with 40107', async () => {
    const business = await connectBusiness(sandbox);
    const { json } = await refresh(business.refreshToken);
    expect(json.code).toBe(0);
    expect(json.data).toMatchObject({ expires_in: 86_400, refresh_token_expires_in: 2_592_000 });
    expect(json.data.access_token).not.toBe(business.accessToken);
    expect(json.data.refresh_token).not.toBe(business.refreshToken);
    expect((await refresh(business.refreshToken)).json.code).toBe(40107);
  });

  it.each([
    ['unknown refresh_token', 'brt.sbx.nope', {}, 40107],
    ['wrong grant_type', null, { grant_type: 'authorization_code' }, 40002],
    ['wrong secret', null, { client_secret: 'x' }, 40101],
  ])('refuses %s', async (_name, token, overrides, code) => {
    const business = await connectBusiness(sandbox);
    expect((await refresh(token ?? business.refreshToken, overrides)).json.code).toBe(code);
  });

  it('refuses an expired refresh token with 40103', async () => {
    const business = await connectBusiness(sandbox);
    sandbox.ctx.clock.travel(31 * 86_400_000);
    expect((await refresh(business.refreshToken)).json.code).toBe(40103);
  });
});

describe('Access-Token header', () => {
  const get = (business: { openId: string }, headers: Record<string, string>) =>
    callApi(sandbox, 'business/get/', { query: { business_id: business.openId }, headers });

  it('maps every token problem to its code', async () => {
    const business = await connectBusiness(sandbox);
    const cases: [string, Record<string, string>, number][] = [
      ['valid', { 'Access-Token': business.accessToken }, 0],
      ['missing', {}, 40104],
      ['Authorization: Bearer instead', { Authorization: `Bearer ${business.accessToken}` }, 40104],
      ['Bearer prefix in Access-Token', { 'Access-Token': `Bearer ${business.accessToken}` }, 40105],
      ['unknown', { 'Access-Token': 'bat.sbx.nope' }, 40105],
    ];
    for (const [name, headers, code] of cases)
      expect((await get(business, headers)).json.code, name).toBe(code);
  });

  it('expires after 24 sandbox hours (40102) and a refresh brings it back', async () => {
    const business = await connectBusiness(sandbox);
    sandbox.ctx.clock.travel(24 * 3600_000 + 1000);
    expect((await get(business, { 'Access-Token': business.accessToken })).json.code).toBe(40102);
    const { json } = await callApi(sandbox, 'tt_user/oauth2/refresh_token/', {
      body: {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'refresh_token',
        refresh_token: business.refreshToken,
      },
    });
    expect((await get(business, { 'Access-Token': String(json.data.access_token) })).json.code).toBe(0);
  });

  it('control API invalidates (40105) or expires (40102) tokens', async () => {
    const a = await connectBusiness(sandbox);
    const b = await connectBusiness(sandbox);
    const control = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/_sandbox/business/tokens/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    await control('invalidate', { accessToken: a.accessToken });
    await control('expire', { businessOpenId: b.openId });
    expect((await get(a, { 'Access-Token': a.accessToken })).json.code).toBe(40105);
    expect((await get(b, { 'Access-Token': b.accessToken })).json.code).toBe(40102);
  });

  it('revoke ends access and refresh tokens of the grant', async () => {
    const business = await connectBusiness(sandbox);
    const body = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, access_token: business.accessToken };
    expect((await callApi(sandbox, 'tt_user/oauth2/revoke/', { body })).json.code).toBe(0);
    expect((await get(business, { 'Access-Token': business.accessToken })).json.code).toBe(40105);
    expect(
      (await callApi(sandbox, 'tt_user/oauth2/revoke/', { body: { ...body, access_token: 'x' } })).json.code,
    ).toBe(40105);
  });

  it('grants all nine Chatwoot scopes by default in the helper', async () => {
    expect((await connectBusiness(sandbox)).scope.split(',')).toEqual(BUSINESS_SCOPES);
  });
});
