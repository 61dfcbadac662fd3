import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../business/test-helpers';
import { type RunningSandbox, startSandbox } from '../server';
import { connectAdvertisers } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
});
afterAll(() => sandbox.close());

const post = (path: string, body: unknown) =>
  fetch(`${sandbox.url}/_sandbox/marketing/${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('marketing control API', () => {
  it('creates advertisers and restores the three seeds on reset', async () => {
    const created = await post('advertisers', {
      name: 'Test Co',
      currency: 'GBP',
      timezone: 'Europe/London',
    });
    expect(created.status).toBe(201);
    const { advertiser } = (await created.json()) as {
      advertiser: { advertiserId: string; campaigns: unknown[] };
    };
    expect(advertiser.campaigns).toHaveLength(3);
    expect((await post('advertisers', {})).status).toBe(400);
    const count = async () =>
      (
        (await (await fetch(`${sandbox.url}/_sandbox/marketing/advertisers`)).json()) as {
          advertisers: unknown[];
        }
      ).advertisers.length;
    expect(await count()).toBe(4);
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(await count()).toBe(3);
  });

  it('rate limits with 40100 (app) and 40133 (advertiser on reports) when enabled', async () => {
    const { accessToken, advertiserIds } = await connectAdvertisers(sandbox);
    const list = () =>
      callApi(sandbox, 'oauth2/advertiser/get/', {
        token: accessToken,
        query: { app_id: '7100000000000000002', secret: 'sbx-secret-ads-0001' },
      });
    await post('rate-limit', { qps: 2 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await list()).json.code);
    expect(codes).toEqual([0, 0, 40100]);
    await post('rate-limit', { qps: null, reportQpsPerAdvertiser: 1 });
    const today = new Date(sandbox.ctx.clock.nowMs()).toISOString().slice(0, 10);
    const report = () =>
      callApi(sandbox, 'report/integrated/get/', {
        token: accessToken,
        query: {
          advertiser_id: advertiserIds[0] ?? '',
          report_type: 'BASIC',
          data_level: 'AUCTION_ADVERTISER',
          dimensions: '["advertiser_id"]',
          start_date: today,
          end_date: today,
        },
      });
    expect((await report()).json.code).toBe(0);
    expect((await report()).json.code).toBe(40133);
    await post('rate-limit', { reportQpsPerAdvertiser: null });
    expect((await report()).json.code).toBe(0);
  });

  it('injected faults use the business envelope', async () => {
    const { accessToken } = await connectAdvertisers(sandbox);
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'marketing.advertiser.info', errorCode: 50000, count: 1 }),
    });
    const { status, json } = await callApi(sandbox, 'advertiser/info/', {
      token: accessToken,
      query: { advertiser_ids: '["7300000000000000001"]' },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 50000, request_id: expect.any(String), data: {} });
  });
});
