import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../business/test-helpers';
import { type RunningSandbox, startSandbox } from '../server';
import { connectAdvertisers } from './testing';

type Report = {
  list: { dimensions: Record<string, string>; metrics: Record<string, string> }[];
  page_info: { page: number; page_size: number; total_number: number; total_page: number };
};

let sandbox: RunningSandbox;
let token: string;
let ids: string[];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  // These tests are about report shapes, not pacing: the app tier's 10 QPS would get in their way.
  sandbox.ctx.rateLimits.setAll(false);
  const connected = await connectAdvertisers(sandbox);
  token = connected.accessToken;
  ids = connected.advertiserIds;
});
afterAll(() => sandbox.close());

// This file never time-travels, so the real clock is the sandbox clock (and works at collection time).
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function report(query: Record<string, string>, accessToken = token) {
  return callApi<Report>(sandbox, 'report/integrated/get/', {
    token: accessToken,
    query: {
      advertiser_id: ids[0] ?? '',
      report_type: 'BASIC',
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: '["campaign_id","stat_time_day"]',
      metrics: '["spend","impressions","clicks","ctr","cpc","conversion"]',
      start_date: daysAgo(10),
      end_date: daysAgo(4),
      ...query,
    },
  });
}

describe('GET report/integrated/get/', () => {
  it('returns campaign × day rows with string metrics and page_info', async () => {
    const { json } = await report({ page_size: '1000' });
    expect(json.code).toBe(0);
    expect(json.data.page_info).toEqual({ page: 1, page_size: 1000, total_number: 21, total_page: 1 });
    const row = json.data.list[0]!;
    expect(row.dimensions).toEqual({
      campaign_id: expect.any(String),
      stat_time_day: `${daysAgo(10)} 00:00:00`,
    });
    expect(Object.keys(row.metrics)).toEqual(['spend', 'impressions', 'clicks', 'ctr', 'cpc', 'conversion']);
    for (const value of Object.values(row.metrics)) expect(typeof value).toBe('string');
    const m = row.metrics as Record<string, string>;
    expect(Number(m.ctr)).toBeCloseTo((Number(m.clicks) / Number(m.impressions)) * 100, 1);
    expect(Number(m.cpc)).toBeCloseTo(Number(m.spend) / Number(m.clicks), 1);
  });

  it('is deterministic, and advertiser totals equal the sum of campaigns', async () => {
    const first = await report({ page_size: '100' });
    expect((await report({ page_size: '100' })).json.data).toEqual(first.json.data);
    const advertiser = await report({ data_level: 'AUCTION_ADVERTISER', dimensions: '["advertiser_id"]' });
    expect(advertiser.json.data.list).toHaveLength(1);
    const sum = (key: string) => first.json.data.list.reduce((total, r) => total + Number(r.metrics[key]), 0);
    const total = advertiser.json.data.list[0]!.metrics;
    expect(Number(total.impressions)).toBe(sum('impressions'));
    expect(Number(total.spend)).toBeCloseTo(sum('spend'), 1);
  });

  it('pages with page/page_size', async () => {
    const page2 = await report({ page: '2', page_size: '5' });
    expect(page2.json.data.page_info).toEqual({ page: 2, page_size: 5, total_number: 21, total_page: 5 });
    expect(page2.json.data.list).toHaveLength(5);
    expect((await report({ page: '9', page_size: '5' })).json.data.list).toEqual([]);
  });

  it('has no rows for days that have not happened yet in the advertiser’s zone', async () => {
    const { json } = await report({ start_date: daysAgo(1), end_date: daysAgo(-5) });
    // The first seed advertiser is in Los Angeles, where "today" may still be UTC yesterday.
    const laToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
    expect(json.data.page_info.total_number).toBe(3 * (laToday === daysAgo(0) ? 2 : 1));
  });

  it('serves hourly rows for one day', async () => {
    const { json } = await report({
      dimensions: '["campaign_id","stat_time_hour"]',
      start_date: daysAgo(3),
      end_date: daysAgo(3),
      page_size: '1000',
    });
    expect(json.data.page_info.total_number).toBe(3 * 24);
    expect(json.data.list[1]!.dimensions.stat_time_hour).toBe(`${daysAgo(3)} 01:00:00`);
  });

  it.each([
    ['missing report_type', { report_type: '' }, 40002],
    ['report_type AUDIENCE without an audience dimension', { report_type: 'AUDIENCE' }, 40002],
    ['report_type CATALOG (not emulated)', { report_type: 'CATALOG' }, 40002],
    ['data_level AUCTION_AD without ad_id', { data_level: 'AUCTION_AD' }, 40002],
    ['an attribute of a lower level', { metrics: '["ad_name"]' }, 40002],
    ['cash_spend below the advertiser level', { metrics: '["cash_spend"]' }, 40002],
    [
      'filtering on an unknown field',
      { filtering: '[{"field_name":"color","filter_type":"IN","filter_value":"[1]"}]' },
      40002,
    ],
    ['dimensions not a JSON array', { dimensions: 'campaign_id' }, 40002],
    ['campaign level without campaign_id', { dimensions: '["stat_time_day"]' }, 40002],
    ['both time dimensions', { dimensions: '["campaign_id","stat_time_day","stat_time_hour"]' }, 40002],
    ['an unknown metric', { metrics: '["spend","magic"]' }, 40002],
    ['a malformed date', { start_date: '2024/01/01' }, 40002],
    ['end before start', { start_date: daysAgo(3), end_date: daysAgo(5) }, 40002],
    ['31 days by day', { start_date: daysAgo(35), end_date: daysAgo(5) }, 40002],
    [
      '2 days by hour',
      { dimensions: '["campaign_id","stat_time_hour"]', start_date: daysAgo(5), end_date: daysAgo(4) },
      40002,
    ],
    [
      '366 days without a time dimension',
      { dimensions: '["campaign_id"]', start_date: daysAgo(400), end_date: daysAgo(35) },
      40002,
    ],
    ['page_size over 1000', { page_size: '1001' }, 40002],
    ['page 0', { page: '0' }, 40002],
    ['an advertiser that does not exist', { advertiser_id: '1' }, 40300],
  ])('refuses %s', async (_name, query, code) => {
    expect((await report(query)).json.code).toBe(code);
  });

  it('accepts exactly 30 days by day and 365 days in total', async () => {
    expect((await report({ start_date: daysAgo(34), end_date: daysAgo(5) })).json.code).toBe(0);
    const year = { dimensions: '["campaign_id"]', start_date: daysAgo(369), end_date: daysAgo(5) };
    expect((await report(year)).json.code).toBe(0);
    expect((await report({ ...year, dimensions: '["campaign_id"]', query_lifetime: 'true' })).json.code).toBe(
      0,
    );
  });

  it('refuses an advertiser outside the token with 40106', async () => {
    const narrow = await connectAdvertisers(sandbox, [ids[1] ?? '']);
    expect((await report({}, narrow.accessToken)).json.code).toBe(40106);
  });
});

describe('GET advertiser/info/', () => {
  it('returns the documented fields per advertiser', async () => {
    const { json } = await callApi<{ list: Record<string, unknown>[] }>(sandbox, 'advertiser/info/', {
      token,
      query: { advertiser_ids: JSON.stringify(ids.slice(0, 3)) },
    });
    expect(json.code).toBe(0);
    expect(json.data.list[0]).toMatchObject({
      advertiser_id: ids[0],
      name: 'Sandbox Shop US',
      currency: 'USD',
      timezone: 'Etc/GMT+8',
      display_timezone: 'America/Los_Angeles',
      status: 'STATUS_ENABLE',
      country: 'US',
      create_time: expect.any(Number),
    });
    expect(json.data.list[2]).toMatchObject({ currency: 'JPY', timezone: 'Etc/GMT-9' });
  });

  it.each([
    ['missing advertiser_ids', {}, 40002],
    ['an unknown field', { fields: '["name","shoe_size"]' }, 40002],
    ['an unknown advertiser', { advertiser_ids: '["1"]' }, 40300],
  ])('refuses %s', async (_name, query, code) => {
    const { json } = await callApi(sandbox, 'advertiser/info/', { token, query });
    expect(json.code).toBe(code);
  });

  it('limits the answer to the requested fields', async () => {
    const { json } = await callApi<{ list: Record<string, unknown>[] }>(sandbox, 'advertiser/info/', {
      token,
      query: { advertiser_ids: JSON.stringify([ids[1]]), fields: '["name","currency"]' },
    });
    expect(json.data.list).toEqual([{ name: 'Sandbox Shop EU', currency: 'EUR' }]);
  });
});
