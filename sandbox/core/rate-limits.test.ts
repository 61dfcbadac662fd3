import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApi } from '../business/test-helpers';
import { connectBusiness } from '../business/testing';
import { callOpenApi, connectCreator, startTestSandbox } from '../login-kit/testing';
import { connectAdvertisers } from '../marketing/testing';
import type { RunningSandbox } from '../server';
import type { RateRule } from './rate-limit-rules';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await limits({ reset: true });
});

async function limits(body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/rate-limits`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as { rules: RateRule[]; refused: Record<string, number>; error?: string },
  };
}

const creatorInfo = (token: string) =>
  callOpenApi(sandbox, token, '/v2/post/publish/creator_info/query/', { body: {} });

describe('rate limits', () => {
  it('loads TikTok’s documented limits by default', async () => {
    const { rules } = (await limits()).json;
    const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
    expect(byId['open-api.user.info']).toMatchObject({
      per: 'token',
      limit: 600,
      windowMs: 60_000,
      enabled: true,
    });
    expect(byId['open-api.creator-info']).toMatchObject({ limit: 20 });
    expect(byId['open-api.video.init']).toMatchObject({ limit: 6 });
    expect(byId['open-api.status.fetch']).toMatchObject({ limit: 30 });
    expect(byId['marketing.app.qps']).toMatchObject({ per: 'app', limit: 10, windowMs: 1000, enabled: true });
    expect(byId['marketing.app.qpm']).toMatchObject({ limit: 600 });
    expect(byId['business.app.qps']).toMatchObject({ enabled: false });
  });

  it('Open API: per token and endpoint, 429 rate_limit_exceeded, freed as (sandbox) time passes', async () => {
    const { tokens } = await connectCreator(sandbox);
    const other = await connectCreator(sandbox);
    for (let i = 0; i < 20; i++) expect((await creatorInfo(tokens.access_token)).status).toBe(200);
    const refused = await creatorInfo(tokens.access_token);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limit_exceeded');
    // Another token, and another endpoint of the same token, have their own buckets.
    expect((await creatorInfo(other.tokens.access_token)).status).toBe(200);
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id')).status).toBe(
      200,
    );
    sandbox.ctx.clock.travel(60_001);
    expect((await creatorInfo(tokens.access_token)).status).toBe(200);
    expect((await limits()).json.refused['open-api.creator-info']).toBe(1);
  });

  it('changes a limit through the control API', async () => {
    const { tokens } = await connectCreator(sandbox);
    await limits({ rules: [{ id: 'open-api.user.info', limit: 2 }] });
    const call = () => callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id');
    expect([(await call()).status, (await call()).status, (await call()).status]).toEqual([200, 200, 429]);
  });

  it('Marketing API: the app tier is shared by every endpoint and answers 40100 with HTTP 200', async () => {
    const { accessToken, advertiserIds } = await connectAdvertisers(sandbox);
    await limits({ rules: [{ id: 'marketing.app.qps', limit: 3, windowMs: 60_000 }] });
    const info = () =>
      callApi(sandbox, 'advertiser/info/', {
        token: accessToken,
        query: { advertiser_ids: JSON.stringify(advertiserIds.slice(0, 1)) },
      });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await info()).json.code);
    expect(codes).toEqual([0, 0, 0, 40100]);
    const refused = await info();
    expect(refused.status).toBe(200);
  });

  it('a rule can be added, and Business API limits switched on', async () => {
    const business = await connectBusiness(sandbox);
    const created = await limits({
      rules: [{ id: 'dm-test', endpoints: ['business.get'], per: 'token', limit: 1, windowMs: 60_000 }],
    });
    expect(created.status).toBe(200);
    const get = () =>
      callApi(sandbox, 'business/get/', {
        token: business.accessToken,
        query: { business_id: business.openId },
      });
    expect([(await get()).json.code, (await get()).json.code]).toEqual([0, 40100]);
  });

  it('switches everything off, and refuses malformed rules', async () => {
    expect((await limits({ enabled: false })).json.rules.every((r) => !r.enabled)).toBe(true);
    expect((await limits({ rules: [{ id: 'x', limit: 1 }] })).status).toBe(400);
    expect((await limits({ rules: [{ id: 'open-api.user.info', per: 'planet' }] })).status).toBe(400);
    expect((await limits({ rules: [{ id: 'open-api.user.info', windowMs: 0 }] })).status).toBe(400);
  });
});
