import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../server';
import { callOpenApi, connectCreator, loginKitApp, postForm, startTestSandbox } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

function refresh(refreshToken: string, overrides: Record<string, string> = {}) {
  const app = loginKitApp(sandbox);
  return postForm(sandbox, '/v2/oauth/token/', {
    client_key: app.id,
    client_secret: app.secret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    ...overrides,
  });
}

const setLifetimes = (body: unknown) =>
  fetch(`${sandbox.url}/_sandbox/lifetimes`, { method: 'POST', body: JSON.stringify(body) });

describe('POST /v2/oauth/token/ refresh_token', () => {
  it('rotates: a new pair comes back and the old refresh token stops working', async () => {
    const { tokens } = await connectCreator(sandbox);
    const first = await refresh(tokens.refresh_token);
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).not.toBe(tokens.refresh_token);
    expect(first.json.access_token).not.toBe(tokens.access_token);
    expect(first.json.open_id).toBe(tokens.open_id);
    expect(first.json.scope).toBe(tokens.scope);
    // Errors come back with HTTP 200 by default: only the body says it failed.
    expect(await refresh(tokens.refresh_token)).toMatchObject({
      status: 200,
      json: { error: 'invalid_grant' },
    });
    expect((await refresh(String(first.json.refresh_token))).json.access_token).toBeTruthy();
  });

  it('without rotation (a legacy option) the same refresh token comes back and keeps working', async () => {
    await setLifetimes({ profile: 'legacy', loginKit: { rotateRefreshToken: false } });
    try {
      const { tokens } = await connectCreator(sandbox);
      const first = await refresh(tokens.refresh_token);
      expect(first.json.refresh_token).toBe(tokens.refresh_token);
      expect(first.json.access_token).not.toBe(tokens.access_token);
      expect((await refresh(tokens.refresh_token)).json.access_token).toBeTruthy();
    } finally {
      await setLifetimes({ profile: 'current' });
    }
  });

  it('refresh_expires_in counts down from the original grant', async () => {
    const { tokens } = await connectCreator(sandbox);
    sandbox.ctx.clock.travel(3600 * 1000);
    const { json } = await refresh(tokens.refresh_token);
    expect(json.refresh_expires_in).toBe(tokens.refresh_expires_in - 3600);
    expect(json.expires_in).toBe(7_200);
  });

  it.each([
    ['missing', null, 'invalid_request'],
    ['unknown', 'rft.sbx.nope', 'invalid_grant'],
  ])('refresh token %s → %s', async (_name, token, error) => {
    const app = loginKitApp(sandbox);
    const values: Record<string, string> = {
      client_key: app.id,
      client_secret: app.secret,
      grant_type: 'refresh_token',
    };
    if (token) values.refresh_token = token;
    expect((await postForm(sandbox, '/v2/oauth/token/', values)).json.error).toBe(error);
  });

  it('expired refresh tokens are invalid_grant', async () => {
    const { tokens } = await connectCreator(sandbox);
    sandbox.ctx.clock.travel((tokens.refresh_expires_in + 1) * 1000);
    expect(await refresh(tokens.refresh_token)).toMatchObject({ json: { error: 'invalid_grant' } });
  });

  it('uses the lifetimes set through the control API (short profile)', async () => {
    await setLifetimes({ profile: 'short' });
    try {
      const { tokens } = await connectCreator(sandbox);
      expect(tokens).toMatchObject({ expires_in: 60, refresh_expires_in: 600 });
      sandbox.ctx.clock.travel(61_000);
      const info = await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id');
      expect(info.status).toBe(401);
      expect(info.json.error.code).toBe('access_token_invalid');
      const renewed = await refresh(tokens.refresh_token);
      expect(renewed.json.expires_in).toBe(60);
    } finally {
      await setLifetimes({ profile: 'current' });
    }
  });
});

describe('POST /v2/oauth/revoke/', () => {
  it('answers {} and kills the access and refresh tokens', async () => {
    const { tokens } = await connectCreator(sandbox);
    const app = loginKitApp(sandbox);
    const result = await postForm(sandbox, '/v2/oauth/revoke/', {
      client_key: app.id,
      client_secret: app.secret,
      token: tokens.access_token,
    });
    expect(result).toEqual({ status: 200, json: {} });
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id')).status).toBe(
      401,
    );
    expect((await refresh(tokens.refresh_token)).json.error).toBe('invalid_grant');
  });

  it.each([
    ['wrong secret', { client_secret: 'nope' }, 401, 'invalid_client'],
    ['token missing', { token: null }, 400, 'invalid_request'],
  ])(
    '%s → %s (HTTP 200 by default, the status with the 4xx switch)',
    async (_name, overrides, status, error) => {
      const app = loginKitApp(sandbox);
      const values: Record<string, string | null> = {
        client_key: app.id,
        client_secret: app.secret,
        token: 'act.sbx.x',
        ...overrides,
      };
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<
        string,
        string
      >;
      expect(await postForm(sandbox, '/v2/oauth/revoke/', body)).toMatchObject({
        status: 200,
        json: { error },
      });
      await fetch(`${sandbox.url}/_sandbox/quirks`, { method: 'POST', body: '{"oauthErrorsWith200":false}' });
      try {
        expect(await postForm(sandbox, '/v2/oauth/revoke/', body)).toMatchObject({ status, json: { error } });
      } finally {
        await fetch(`${sandbox.url}/_sandbox/quirks`, {
          method: 'POST',
          body: '{"oauthErrorsWith200":true}',
        });
      }
    },
  );
});
