import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, loginKitApp, postForm, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const addFault = (fault: Record<string, unknown>) =>
  fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ count: 1, ...fault }) });

describe('injected faults on the Login Kit / Open API endpoints', () => {
  it.each([
    ['server_error', 500],
    ['temporarily_unavailable', 503],
  ])('oauth.token answers %s in the token-host error shape', async (errorCode, status) => {
    await addFault({ endpoint: 'oauth.token', errorCode, status });
    const app = loginKitApp(sandbox);
    const result = await postForm(sandbox, '/v2/oauth/token/', {
      client_key: app.id,
      client_secret: app.secret,
      grant_type: 'refresh_token',
      refresh_token: 'x',
    });
    expect(result.status).toBe(status);
    expect(result.json).toMatchObject({ error: errorCode });
    expect(result.json.log_id).toBeTruthy();
  });

  it('open-api endpoints answer internal_error 500 in the v2 envelope, then recover', async () => {
    const { tokens } = await connectCreator(sandbox);
    await addFault({ endpoint: 'open-api.creator-info', errorCode: 'internal_error', status: 500 });
    const failed = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/creator_info/query/', {
      body: {},
    });
    expect(failed).toMatchObject({ status: 500, json: { data: {}, error: { code: 'internal_error' } } });
    const ok = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/creator_info/query/', {
      body: {},
    });
    expect(ok.status).toBe(200);
  });

  it('records requests per endpoint, fault or not', async () => {
    const body = (await (
      await fetch(`${sandbox.url}/_sandbox/requests?endpoint=open-api.creator-info`)
    ).json()) as {
      requests: { fault: boolean; status: number }[];
      counts: Record<string, number>;
    };
    expect(body.requests.map((r) => [r.status, r.fault])).toEqual([
      [500, true],
      [200, false],
    ]);
    expect(body.counts['oauth.token']).toBeGreaterThanOrEqual(3);
  });
});
