import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../business/test-helpers';
import { type RunningSandbox, startSandbox } from '../server';
import { ADS_APP, connectAdvertisers } from './testing';

type Page = {
  list: Record<string, unknown>[];
  page_info: { page: number; page_size: number; total_number: number; total_page: number };
};

let sandbox: RunningSandbox;
let token: string;
const SEED = '7300000000000000001';
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  sandbox.ctx.rateLimits.setAll(false);
  token = (await connectAdvertisers(sandbox)).accessToken;
});
afterAll(() => sandbox.close());

const get = (kind: string, query: Record<string, string> = {}) =>
  callApi<Page>(sandbox, `${kind}/get/`, { token, query: { advertiser_id: SEED, ...query } }).then(
    (r) => r.json,
  );

describe('campaign/get, adgroup/get, ad/get', () => {
  it('lists campaigns newest first with documented fields; the deleted seed campaign only on request', async () => {
    const visible = await get('campaign');
    expect(visible.code).toBe(0);
    expect(visible.data.page_info).toEqual({ page: 1, page_size: 10, total_number: 3, total_page: 1 });
    const first = visible.data.list[0] as Record<string, unknown>;
    expect(first).toMatchObject({
      advertiser_id: SEED,
      campaign_id: expect.stringMatching(/^\d{19}$/),
      objective_type: expect.any(String),
      operation_status: 'ENABLE',
      secondary_status: 'CAMPAIGN_STATUS_ENABLE',
      create_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      modify_time: expect.any(String),
    });
    const times = visible.data.list.map((c) => String(c.create_time));
    expect([...times].sort().reverse()).toEqual(times);
    const all = await get('campaign', {
      filtering: JSON.stringify({ secondary_status: 'CAMPAIGN_STATUS_ALL' }),
    });
    expect(all.data.page_info.total_number).toBe(4);
    const deleted = await get('campaign', { filtering: '{"secondary_status": "CAMPAIGN_STATUS_DELETE"}' });
    expect(deleted.data.list).toEqual([
      expect.objectContaining({ secondary_status: 'CAMPAIGN_STATUS_DELETE', operation_status: 'DISABLE' }),
    ]);
  });

  it('pages ad groups and ads, and filters by ids and names', async () => {
    const groups = await get('adgroup', { page_size: '4', page: '2' });
    expect(groups.data.page_info).toEqual({ page: 2, page_size: 4, total_number: 6, total_page: 2 });
    expect(groups.data.list).toHaveLength(2);
    const campaignId = String((await get('campaign')).data.list[0]?.campaign_id);
    const ads = await get('ad', {
      filtering: JSON.stringify({ campaign_ids: [campaignId] }),
      page_size: '100',
    });
    expect(ads.data.list).toHaveLength(4);
    expect(
      ads.data.list.every((ad) => ad.campaign_id === campaignId && /^\d{19}$/.test(String(ad.ad_id))),
    ).toBe(true);
    const named = await get('adgroup', { filtering: JSON.stringify({ adgroup_name: 'SET 2' }) });
    expect(named.data.list.every((g) => String(g.adgroup_name).includes('set 2'))).toBe(true);
    expect(named.data.page_info.total_number).toBe(3);
  });

  it('returns only the requested fields, accepting Python-style lists', async () => {
    const { data } = await get('ad', { fields: "['ad_id', 'ad_name']", page_size: '1' });
    expect(Object.keys(data.list[0] ?? {})).toEqual(['ad_id', 'ad_name']);
  });

  it.each([
    ['an unknown field', { fields: '["shoe_size"]' }, 40002],
    ['an unknown filter', { filtering: '{"colour": "red"}' }, 40002],
    ['101 campaign ids', { filtering: JSON.stringify({ campaign_ids: Array(101).fill('1') }) }, 40002],
    ['page_size over 1000', { page_size: '1001' }, 40002],
    ['an advertiser outside the token', { advertiser_id: '1' }, 40300],
  ])('refuses %s', async (_name, query, code) => {
    expect((await get('campaign', query)).code).toBe(code);
  });
});

describe('the legacy consent path', () => {
  it('/marketing_api/auth shows the portal page and its Confirm redirects with auth_code', async () => {
    const redirectUri = sandbox.ctx.config.apps.find((a) => a.kind === 'marketing')?.redirectUris[0] ?? '';
    const page = await fetch(
      `${sandbox.url}/marketing_api/auth?app_id=${ADS_APP.id}&state=s1&redirect_uri=${encodeURIComponent(redirectUri)}`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sandbox Shop US');
    const form = new URLSearchParams({
      app_id: ADS_APP.id,
      redirect_uri: redirectUri,
      state: 's1',
      decision: 'approve',
      advertiser_id: SEED,
    });
    const confirm = await fetch(`${sandbox.url}/marketing_api/auth`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(confirm.status).toBe(302);
    const location = new URL(confirm.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('auth_code')).toMatch(/^sbxacode_/);
  });
});
