import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApi } from '../business/test-helpers';
import { type RunningSandbox, startSandbox } from '../server';
import { localTime } from './local-time';
import { connectAdvertisers } from './testing';

type Row = { dimensions: Record<string, string>; metrics: Record<string, string> };
type Report = { list: Row[]; page_info: { total_number: number } };
type Advertiser = {
  advertiserId: string;
  timezone: string;
  campaigns: {
    campaignId: string;
    deletedAtSeconds: number | null;
    adgroups: { adgroupId: string; ads: { adId: string }[] }[];
  }[];
};

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  sandbox.ctx.rateLimits.setAll(false);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await post('reports', {
    settleDays: 3,
    revision: 0,
    autoAdvance: false,
    maxQueryRows: 200_000,
    maxSpanDays: null,
  });
});

async function post<T = Record<string, unknown>>(path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/marketing/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/** A fresh advertiser with its own token; `createdDaysAgo` bounds its history. */
async function advertiser(input: Record<string, unknown> = {}) {
  const { json } = await post<{ advertiser: Advertiser }>('advertisers', { name: 'Model Co', ...input });
  const { accessToken } = await connectAdvertisers(sandbox, [json.advertiser.advertiserId]);
  return { ...json.advertiser, token: accessToken };
}

type Adv = Awaited<ReturnType<typeof advertiser>>;

async function report(adv: Adv, query: Record<string, string>) {
  const { json } = await callApi<Report>(sandbox, 'report/integrated/get/', {
    token: adv.token,
    query: { advertiser_id: adv.advertiserId, report_type: 'BASIC', page_size: '1000', ...query },
  });
  return json;
}

const today = (adv: Adv) => localTime(adv.timezone, sandbox.ctx.clock.nowMs()).date;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const sum = (rows: Row[], metric: string) =>
  rows.reduce((total, row) => total + Number(row.metrics[metric]), 0);
const ALL = '[{"field_name":"campaign_status","filter_type":"IN","filter_value":"[\\"STATUS_ALL\\"]"}]';

// Airbyte's connector asks for these on every report (manifest base_report_retriever + AUCTION_AD extras).
const AIRBYTE_METRICS = [
  'spend',
  'cpc',
  'cpm',
  'impressions',
  'clicks',
  'ctr',
  'reach',
  'cost_per_1000_reached',
  'frequency',
  'video_play_actions',
  'video_watched_2s',
  'video_watched_6s',
  'average_video_play',
  'average_video_play_per_user',
  'video_views_p25',
  'video_views_p50',
  'video_views_p75',
  'video_views_p100',
  'profile_visits',
  'likes',
  'comments',
  'shares',
  'follows',
  'clicks_on_music_disc',
  'real_time_app_install',
  'real_time_app_install_cost',
  'app_install',
  'campaign_name',
  'campaign_id',
  'adgroup_name',
  'placement_type',
  'tt_app_id',
  'tt_app_name',
  'mobile_app_id',
  'promotion_type',
  'dpa_target_audience_type',
  'conversion',
  'cost_per_conversion',
  'conversion_rate',
  'real_time_conversion',
  'real_time_cost_per_conversion',
  'real_time_conversion_rate',
  'result',
  'cost_per_result',
  'result_rate',
  'real_time_result',
  'real_time_cost_per_result',
  'real_time_result_rate',
  'secondary_goal_result',
  'cost_per_secondary_goal_result',
  'secondary_goal_result_rate',
  'adgroup_id',
  'ad_name',
  'ad_text',
  'total_purchase_value',
  'total_onsite_shopping_value',
  'onsite_shopping',
  'vta_purchase',
  'vta_conversion',
  'cta_purchase',
  'cta_conversion',
  'total_pageview',
  'complete_payment',
  'value_per_complete_payment',
  'total_complete_payment_rate',
  'profile_visits_rate',
  'purchase',
  'purchase_rate',
  'registration',
  'registration_rate',
  'sales_lead',
  'sales_lead_rate',
  'cost_per_app_install',
  'cost_per_purchase',
  'cost_per_registration',
  'cost_per_sales_lead',
  'cost_per_total_sales_lead',
  'cost_per_total_app_event_add_to_cart',
  'total_app_event_add_to_cart',
  'engaged_view',
  'engagements',
  'paid_engaged_view',
  'engaged_view_through_conversions',
  'paid_engagement_engaged_view',
  'engaged_view_15s',
  'paid_engaged_view_15s',
  'paid_engagement_engaged_view_15s',
];
const python = (list: string[]) => `[${list.map((v) => `'${v}'`).join(', ')}]`;

describe('what a real connector sends', () => {
  it('accepts Airbyte’s AUCTION_AD daily request as it templates it (Python reprs), with every metric', async () => {
    const adv = await advertiser();
    const json = await report(adv, {
      service_type: 'AUCTION',
      data_level: 'AUCTION_AD',
      dimensions: python(['ad_id', 'stat_time_day']),
      metrics: python(AIRBYTE_METRICS),
      start_date: shift(today(adv), -10),
      end_date: shift(today(adv), -4),
      filtering: `[{'field_name': 'ad_status', 'filter_type': 'IN', 'filter_value': '[\\\\"STATUS_ALL\\\\"]'}]`,
    });
    expect(json.code).toBe(0);
    const row = json.data.list[0] as Row;
    expect(Object.keys(row.metrics)).toEqual(AIRBYTE_METRICS);
    expect(Object.values(row.metrics).every((v) => typeof v === 'string')).toBe(true);
    expect(row.metrics.secondary_goal_result).toBe('-');
    expect(Number(row.metrics.video_views_p100)).toBeLessThanOrEqual(Number(row.metrics.video_views_p25));
    expect(Number(row.metrics.clicks)).toBeLessThanOrEqual(Number(row.metrics.impressions));
    expect(row.dimensions.stat_time_day).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
    expect(json.data.page_info.total_number).toBe(12 * 7);
  });

  it('advertiser-level cash and voucher spend add up to spend', async () => {
    const adv = await advertiser();
    const json = await report(adv, {
      data_level: 'AUCTION_ADVERTISER',
      dimensions: '["advertiser_id","stat_time_day"]',
      metrics: '["spend","cash_spend","voucher_spend"]',
      start_date: shift(today(adv), -5),
      end_date: shift(today(adv), -4),
    });
    for (const { metrics } of json.data.list)
      expect(Number(metrics.cash_spend) + Number(metrics.voucher_spend)).toBeCloseTo(
        Number(metrics.spend),
        2,
      );
  });
});

describe('consistent numbers', () => {
  it('ads add up to ad groups, campaigns and the advertiser, deleted ones included', async () => {
    const adv = await advertiser();
    await post(`entities/${adv.campaigns[0]?.campaignId}/delete`, {});
    const range = {
      start_date: shift(today(adv), -9),
      end_date: shift(today(adv), -3),
      metrics: '["impressions","spend","conversion"]',
    };
    const levels = [
      ['AUCTION_AD', 'ad_id', 'ad_status'],
      ['AUCTION_ADGROUP', 'adgroup_id', 'adgroup_status'],
      ['AUCTION_CAMPAIGN', 'campaign_id', 'campaign_status'],
      ['AUCTION_ADVERTISER', 'advertiser_id', 'campaign_status'],
    ];
    const totals = [];
    for (const [level, id, status] of levels) {
      const json = await report(adv, {
        ...range,
        data_level: level as string,
        dimensions: `["${id}"]`,
        filtering: `[{"field_name":"${status}","filter_type":"IN","filter_value":["STATUS_ALL"]}]`,
      });
      totals.push([
        sum(json.data.list, 'impressions'),
        sum(json.data.list, 'conversion'),
        Math.round(sum(json.data.list, 'spend') * 100),
      ]);
    }
    expect(new Set(totals.map((t) => JSON.stringify(t))).size).toBe(1);
  });

  it('daily rows add up to the lifetime totals, and there are no rows before the advertiser existed', async () => {
    const adv = await advertiser({ createdDaysAgo: 40 });
    const born = localTime(
      adv.timezone,
      (Math.floor(sandbox.ctx.clock.nowMs() / 1000) - 40 * 86_400) * 1000,
    ).date;
    const daily: Row[] = [];
    for (const [from, to] of [
      [shift(today(adv), -59), shift(today(adv), -30)],
      [shift(today(adv), -29), today(adv)],
    ]) {
      const json = await report(adv, {
        data_level: 'AUCTION_CAMPAIGN',
        dimensions: '["campaign_id","stat_time_day"]',
        metrics: '["impressions","clicks"]',
        start_date: from as string,
        end_date: to as string,
      });
      daily.push(...json.data.list);
    }
    expect(daily.every((row) => (row.dimensions.stat_time_day ?? '').slice(0, 10) >= born)).toBe(true);
    const lifetime = await report(adv, {
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: '["campaign_id"]',
      metrics: '["impressions","clicks"]',
      query_lifetime: 'true',
    });
    for (const row of lifetime.data.list) {
      const mine = daily.filter((d) => d.dimensions.campaign_id === row.dimensions.campaign_id);
      expect(sum(mine, 'impressions')).toBe(Number(row.metrics.impressions));
      expect(sum(mine, 'clicks')).toBe(Number(row.metrics.clicks));
    }
  });

  it('hours add up to their day; audience cells add up to their row', async () => {
    const adv = await advertiser();
    const day = shift(today(adv), -6);
    const base = {
      data_level: 'AUCTION_CAMPAIGN',
      metrics: '["impressions","spend"]',
      start_date: day,
      end_date: day,
    };
    const daily = await report(adv, { ...base, dimensions: '["campaign_id","stat_time_day"]' });
    const hourly = await report(adv, { ...base, dimensions: '["campaign_id","stat_time_hour"]' });
    const audience = await report(adv, {
      ...base,
      report_type: 'AUDIENCE',
      dimensions: '["campaign_id","stat_time_day","gender","age"]',
    });
    expect(hourly.data.list).toHaveLength(daily.data.list.length * 24);
    expect(audience.data.list).toHaveLength(daily.data.list.length * 18);
    for (const row of daily.data.list) {
      const id = row.dimensions.campaign_id;
      for (const parts of [hourly, audience]) {
        const mine = parts.data.list.filter((r) => r.dimensions.campaign_id === id);
        expect(sum(mine, 'impressions')).toBe(Number(row.metrics.impressions));
        expect(Math.round(sum(mine, 'spend') * 100)).toBe(Math.round(Number(row.metrics.spend) * 100));
      }
    }
    expect(new Set(audience.data.list.map((r) => r.dimensions.gender))).toEqual(
      new Set(['MALE', 'FEMALE', 'NONE']),
    );
  });

  it('cuts days in the advertiser’s own zone: the last row is today there', async () => {
    for (const timezone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const adv = await advertiser({ timezone });
      const json = await report(adv, {
        data_level: 'AUCTION_ADVERTISER',
        dimensions: '["stat_time_day"]',
        start_date: shift(today(adv), -3),
        end_date: shift(today(adv), 3),
      });
      expect(json.data.list.at(-1)?.dimensions.stat_time_day).toBe(`${today(adv)} 00:00:00`);
    }
  });
});

describe('deleted campaigns', () => {
  it('are left out by default and reported, with their history up to deletion, on request', async () => {
    const adv = await advertiser();
    const doomed = adv.campaigns[1]?.campaignId ?? '';
    sandbox.ctx.clock.travel(-5 * 86_400_000);
    await post(`entities/${doomed}/delete`, {});
    sandbox.ctx.clock.travel(5 * 86_400_000);
    const query = {
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: '["campaign_id","stat_time_day"]',
      start_date: shift(today(adv), -9),
      end_date: today(adv),
    };
    const visible = await report(adv, query);
    expect(visible.data.list.some((r) => r.dimensions.campaign_id === doomed)).toBe(false);
    const all = await report(adv, { ...query, filtering: ALL });
    const history = all.data.list
      .filter((r) => r.dimensions.campaign_id === doomed)
      .map((r) => r.dimensions.stat_time_day);
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((d) => (d ?? '').slice(0, 10) <= shift(today(adv), -5))).toBe(true);
    const onlyDeleted = await report(adv, {
      ...query,
      filtering: ALL.replace('STATUS_ALL', 'STATUS_DELETE'),
    });
    expect(new Set(onlyDeleted.data.list.map((r) => r.dimensions.campaign_id))).toEqual(new Set([doomed]));
  });
});

describe('late-settling numbers', () => {
  const lastDays = async (adv: Adv) =>
    (
      await report(adv, {
        data_level: 'AUCTION_ADVERTISER',
        dimensions: '["stat_time_day"]',
        metrics: '["impressions","conversion"]',
        start_date: shift(today(adv), -6),
        end_date: shift(today(adv), -1),
      })
    ).data.list.map((r) => Number(r.metrics.impressions));

  it('the last days grow between fetches when the revision moves, older days never change', async () => {
    const adv = await advertiser();
    const first = await lastDays(adv);
    expect(await lastDays(adv)).toEqual(first);
    await post('reports', { advance: 2 });
    const later = await lastDays(adv);
    // Yesterday and the day before are unsettled (with today: 3 days); earlier days are final.
    expect(later.slice(0, 4)).toEqual(first.slice(0, 4));
    expect(later[4]).toBeGreaterThan(first[4] ?? Infinity);
    expect(later[5]).toBeGreaterThan(first[5] ?? Infinity);
  });

  it('a day freezes once it leaves the window (sandbox time travel)', async () => {
    const adv = await advertiser();
    const yesterday = shift(today(adv), -1);
    const read = async () =>
      (
        await report(adv, {
          data_level: 'AUCTION_ADVERTISER',
          dimensions: '["stat_time_day"]',
          start_date: yesterday,
          end_date: yesterday,
        })
      ).data.list[0]?.metrics.impressions;
    const unsettled = Number(await read());
    sandbox.ctx.clock.travel(3 * 86_400_000);
    const settled = Number(await read());
    expect(settled).toBeGreaterThan(unsettled);
    await post('reports', { advance: 5 });
    expect(Number(await read())).toBe(settled);
  });

  it('autoAdvance changes unsettled numbers on every fetch', async () => {
    const adv = await advertiser();
    await post('reports', { autoAdvance: true });
    const a = await lastDays(adv);
    const b = await lastDays(adv);
    expect(b[5]).toBeGreaterThan(a[5] ?? Infinity);
  });
});

describe('errors that shape a client', () => {
  it('40067 when a query is too large: the span or the row count', async () => {
    const adv = await advertiser();
    const query = {
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: '["campaign_id","stat_time_day"]',
      start_date: shift(today(adv), -20),
      end_date: shift(today(adv), -1),
    };
    expect((await report(adv, query)).code).toBe(0);
    await post('reports', { maxSpanDays: 7 });
    expect(await report(adv, query)).toMatchObject({ code: 40067 });
    expect((await report(adv, { ...query, start_date: shift(today(adv), -7) })).code).toBe(0);
    await post('reports', { maxSpanDays: null, maxQueryRows: 10 });
    expect((await report(adv, query)).code).toBe(40067);
  });

  it('40105 for a revoked token, 40106 for an advertiser withdrawn from it', async () => {
    const adv = await advertiser();
    const query = {
      data_level: 'AUCTION_ADVERTISER',
      dimensions: '["advertiser_id"]',
      start_date: shift(today(adv), -2),
      end_date: shift(today(adv), -1),
    };
    await post('tokens/remove-advertiser', { accessToken: adv.token, advertiserId: adv.advertiserId });
    expect((await report(adv, query)).code).toBe(40106);
    await post('tokens/invalidate', { accessToken: adv.token });
    expect((await report(adv, query)).code).toBe(40105);
  });

  it('40100 once the app’s 10 requests per second are used (the Basic tier)', async () => {
    const adv = await advertiser();
    sandbox.ctx.rateLimits.reset();
    // The tier's 10 per second, over a window long enough that a loaded machine cannot slip past it.
    sandbox.ctx.rateLimits.update([{ id: 'marketing.app.qps', windowMs: 60_000 }]);
    try {
      const codes = [];
      for (let i = 0; i < 11; i++)
        codes.push(
          (
            await report(adv, {
              data_level: 'AUCTION_ADVERTISER',
              dimensions: '["advertiser_id"]',
              query_lifetime: 'true',
            })
          ).code,
        );
      expect(codes).toEqual([...Array(10).fill(0), 40100]);
    } finally {
      sandbox.ctx.rateLimits.setAll(false);
    }
  });
});

describe('bulk advertisers', () => {
  it('creates 20 advertisers under one token, each with its own campaign tree', async () => {
    const { status, json } = await post<{ accessToken: string; advertisers: Advertiser[] }>(
      'advertisers/bulk',
      {
        count: 20,
        campaigns: 2,
        adgroupsPerCampaign: 1,
        adsPerAdgroup: 3,
        timezone: 'Asia/Kolkata',
      },
    );
    expect(status).toBe(201);
    expect(json.advertisers).toHaveLength(20);
    const last = { ...(json.advertisers.at(-1) as Advertiser), token: json.accessToken };
    const rows = await report(last, {
      data_level: 'AUCTION_AD',
      dimensions: '["ad_id"]',
      query_lifetime: 'true',
    });
    expect(rows.data.list).toHaveLength(6);
    expect((await post('advertisers/bulk', { count: 1, campaigns: 0 })).status).toBe(400);
  });
});
