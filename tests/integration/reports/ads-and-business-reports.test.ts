import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  adCampaignDays,
  businessDayStats,
  reportFiles,
  reportRunAccounts,
  tiktokAccounts,
  workspaces,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { ADS_REPORT_PAGING } from '@/lib/reports/collect-ads-account';
import { collectReportAccount } from '@/lib/reports/collect-report-account';
import { REPORT_COLUMNS } from '@/lib/reports/report-columns';
import { addDays, dateRange, localDate } from '@/lib/reports/report-dates';
import { startReportRun } from '@/lib/reports/start-report-run';
import { BUSINESS_DAILY_FIELDS } from '@/lib/tiktok/business-messaging/get-business-daily-stats';
import { now } from '@/lib/time/clock';
import { dailyRows } from '@/sandbox/business/profile-fields';
import { connectAdvertisers } from '@/sandbox/marketing/testing';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { createTestStorage, type TestStorage } from '@/tests/helpers/test-storage';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import { resetClocks, travelInTime } from '@/tests/helpers/time-travel';
import { readObject, runReportsNow, workspaceSlug } from './report-stack';

const SHOP_US = '7300000000000000001'; // America/Los_Angeles, USD; its fourth campaign was deleted 20 days ago
const SHOP_EU = '7300000000000000002';
const STUDIO_JP = '7300000000000000003';

let stack: TikTokStack;
let testDb: TestDb;
let db: Db;
let store: TestStorage;
beforeAll(async () => {
  stack = await startTikTokStack();
  testDb = await createTestDb('pglite');
  db = testDb.db;
  store = await createTestStorage('local');
});
afterEach(async () => {
  resetClocks(stack.sandbox);
  await control('marketing/reports', { maxSpanDays: null, revision: 0 });
  // Each test starts with the app's Marketing quota unused, on TikTok's side and in our limiter
  // (the checks' own direct calls spend it too).
  await control('rate-limits', { clearCounters: true });
  const keys = await stack.redis.keys('pace:*');
  if (keys.length > 0) await stack.redis.del(...keys);
});
afterAll(async () => {
  resetClocks(stack.sandbox);
  await store?.close();
  await testDb?.drop();
  await stack.close();
});

async function control(path: string, body?: unknown) {
  const response = await fetch(`${stack.sandbox.url}/_sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<Record<string, unknown>>;
}

type Cell = { spend: number; impressions: number; clicks: number; conversions: number };

/** What the sandbox answers now, fetched directly with a token of our own: (campaign|day) → numbers. */
async function sandboxCampaignDays(advertiserId: string, start: string, end: string) {
  const cells = new Map<string, Cell>();
  // TikTok answers at most 30 days by day per query.
  for (let from = start; from <= end; from = addDays(from, 30)) {
    const to = addDays(from, 29) < end ? addDays(from, 29) : end;
    for (const [key, cell] of await sandboxWindow(advertiserId, from, to)) cells.set(key, cell);
  }
  return cells;
}

async function sandboxWindow(advertiserId: string, start: string, end: string) {
  const { accessToken } = await connectAdvertisers(stack.sandbox, [advertiserId]);
  const url = new URL(`${stack.sandbox.url}/open_api/v1.3/report/integrated/get/`);
  const params = {
    advertiser_id: advertiserId,
    report_type: 'BASIC',
    data_level: 'AUCTION_CAMPAIGN',
    dimensions: '["campaign_id","stat_time_day"]',
    metrics: '["spend","impressions","clicks","conversion"]',
    start_date: start,
    end_date: end,
    page_size: '1000',
    filtering: '[{"field_name":"campaign_status","filter_type":"IN","filter_value":"[\\"STATUS_ALL\\"]"}]',
  };
  const cells = new Map<string, Cell>();
  for (let page = 1; ; page++) {
    for (const [name, value] of Object.entries({ ...params, page: String(page) }))
      url.searchParams.set(name, value);
    const json = (await fetchReport(url, accessToken)) as {
      code: number;
      data: {
        list: { dimensions: Record<string, string>; metrics: Record<string, string> }[];
        page_info: { total_page: number };
      };
    };
    expect(json.code).toBe(0);
    for (const row of json.data.list) {
      cells.set(`${row.dimensions.campaign_id}|${row.dimensions.stat_time_day?.slice(0, 10)}`, {
        spend: Number(row.metrics.spend),
        impressions: Number(row.metrics.impressions),
        clicks: Number(row.metrics.clicks),
        conversions: Number(row.metrics.conversion),
      });
    }
    if (page >= json.data.page_info.total_page) return cells;
  }
}

/** Our own direct calls are not paced: wait out the app's shared rate limit (40100) if they meet it. */
async function fetchReport(url: URL, accessToken: string): Promise<unknown> {
  for (;;) {
    const json = (await (await fetch(url, { headers: { 'access-token': accessToken } })).json()) as {
      code: number;
    };
    if (json.code !== 40100) return json;
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
}

async function storedCampaignDays(accountId: string) {
  const rows = await db.select().from(adCampaignDays).where(eq(adCampaignDays.accountId, accountId));
  return new Map(
    rows.map((row) => [
      `${row.campaignId}|${row.day}`,
      { spend: row.spend, impressions: row.impressions, clicks: row.clicks, conversions: row.conversions },
    ]),
  );
}

async function filesOf(accountId: string) {
  const rows = await db.select().from(reportFiles).where(eq(reportFiles.accountId, accountId));
  return new Map(rows.map((row) => [row.day, row]));
}

describe('ads reports', () => {
  let team: WorkspaceWithMembers;
  let slug: string;
  let accountId: string;
  let end: string;

  beforeAll(async () => {
    team = await createWorkspaceWithMembers(db);
    slug = await workspaceSlug(db, team.workspaceId);
    // The workspace is 22 hours ahead of its advertiser: their calendar days differ most of the day.
    await db
      .update(workspaces)
      .set({ timeZone: 'Pacific/Kiritimati' })
      .where(eq(workspaces.id, team.workspaceId));
    ({ id: accountId } = await connectTestAccount(db, stack.sandbox, {
      kind: 'ads',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      advertiserId: SHOP_US,
    }));
  });

  it('backfills 30 advertiser-local days by campaign, deleted campaigns included, halving the window on 40067', async () => {
    await control('marketing/reports', { maxSpanDays: 7 });
    await stack.clearRequests();
    const { run, parts } = await runReportsNow(db, store.storage, team.workspaceId);
    expect(run.status).toBe('succeeded');
    expect(parts[0]?.status).toBe('succeeded');
    // 30 days → 40067, 15 → 40067, then 7 + 7 + 7 + 7 + 2 days.
    expect(await stack.requestCount('marketing.report.integrated')).toBe(7);
    expect(await stack.requestCount('marketing.oauth.advertiser.get')).toBe(1);

    const laToday = localDate(now(), 'America/Los_Angeles');
    end = addDays(laToday, -1);
    const start = addDays(laToday, -30);
    await control('marketing/reports', { maxSpanDays: null });
    const expected = await sandboxCampaignDays(SHOP_US, start, end);
    const stored = await storedCampaignDays(accountId);
    expect(stored).toEqual(expected);
    const [advertiser] = await db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, accountId));
    expect(advertiser).toMatchObject({ timeZone: 'America/Los_Angeles', currency: 'USD' });
    // The deleted fourth campaign still reports the days it ran.
    const campaigns = new Set([...stored.keys()].map((key) => key.split('|')[0]));
    expect(campaigns.size).toBe(4);

    const files = await filesOf(accountId);
    expect([...files.keys()].sort()).toEqual(dateRange(start, end));
    const csv = await readObject(store.storage, files.get(end)!.key);
    expect(files.get(end)!.key).toBe(
      `reports/${slug}/ads/${accountId}/dt=${end}/ads_${accountId}_${end}.csv`,
    );
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...REPORT_COLUMNS.ads]);
    for (const record of records) {
      const cell = expected.get(`${record.campaign_id}|${end}`)!;
      expect(record).toMatchObject({
        date: end,
        advertiser_id: SHOP_US,
        currency: 'USD',
        spend: String(cell.spend),
        impressions: String(cell.impressions),
        clicks: String(cell.clicks),
        conversions: String(cell.conversions),
      });
    }
    const manifest = JSON.parse(
      (await readObject(store.storage, `reports/${slug}/_manifests/dt=${end}/_manifest.json`)).toString(
        'utf8',
      ),
    );
    expect(manifest.files).toEqual([
      expect.objectContaining({
        key: files.get(end)!.key,
        sha256: createHash('sha256').update(csv).digest('hex'),
      }),
    ]);
  });

  it('rewrites late-settling days within the settle window and leaves older days alone', async () => {
    const before = await filesOf(accountId);
    // TikTok revises its recent numbers, and a day passes.
    await control('marketing/reports', { advance: 2 });
    travelInTime(stack.sandbox, { days: 1 });
    const { run } = await runReportsNow(db, store.storage, team.workspaceId);
    expect(run.status).toBe('succeeded');
    const after = await filesOf(accountId);
    const newEnd = addDays(end, 1);
    const windowStart = addDays(newEnd, -2); // today − 3 days, in the advertiser's zone
    expect(after.has(newEnd)).toBe(true);
    for (const [day, file] of before) {
      if (day < windowStart) {
        expect(after.get(day)).toEqual(file);
      }
    }
    // Yesterday's numbers were unsettled: its file was replaced, and the manifest describes the new one.
    expect(after.get(end)!.sha256).not.toBe(before.get(end)!.sha256);
    const csv = await readObject(store.storage, after.get(end)!.key);
    expect(createHash('sha256').update(csv).digest('hex')).toBe(after.get(end)!.sha256);
    const manifest = JSON.parse(
      (await readObject(store.storage, `reports/${slug}/_manifests/dt=${end}/_manifest.json`)).toString(
        'utf8',
      ),
    );
    expect(manifest.files[0].sha256).toBe(after.get(end)!.sha256);
    // Every stored number agrees with what TikTok says now: the window caught every late change.
    const laToday = localDate(now(), 'America/Los_Angeles');
    expect(await storedCampaignDays(accountId)).toEqual(
      await sandboxCampaignDays(SHOP_US, addDays(laToday, -31), addDays(laToday, -1)),
    );
  });

  it('a withdrawn advertiser (40106) and a revoked token (40105) fail only their own accounts, with reasons', async () => {
    const other = await createWorkspaceWithMembers(db);
    const connect = (advertiserId: string) =>
      connectTestAccount(db, stack.sandbox, {
        kind: 'ads',
        workspaceId: other.workspaceId,
        userId: other.owner.id,
        advertiserId,
      });
    const withdrawn = await connect(SHOP_EU);
    const revoked = await connect(STUDIO_JP);
    const fine = await connect(SHOP_US);
    const { tokens } = (await control('marketing/tokens')) as {
      tokens: { accessToken: string; advertiserIds: string[] }[];
    };
    const tokenOf = (advertiserId: string) =>
      tokens.findLast((token) => token.advertiserIds.includes(advertiserId))!;
    await control('marketing/tokens/remove-advertiser', {
      accessToken: tokenOf(SHOP_EU).accessToken,
      advertiserId: SHOP_EU,
    });
    await control('marketing/tokens/invalidate', { accessToken: tokenOf(STUDIO_JP).accessToken });

    const { run, parts } = await runReportsNow(db, store.storage, other.workspaceId);
    expect(run.status).toBe('partial');
    const part = (id: string) => parts.find((item) => item.accountId === id)!;
    expect(part(fine.id)).toMatchObject({ status: 'succeeded', error: null });
    expect(part(withdrawn.id)).toMatchObject({ status: 'failed' });
    expect(part(withdrawn.id).error).toMatch(/no longer gives this connection access to the advertiser/);
    expect(part(revoked.id)).toMatchObject({ status: 'failed' });
    expect(part(revoked.id).error).toMatch(/Reconnect/);
    const statuses = await db
      .select({ id: tiktokAccounts.id, status: tiktokAccounts.status })
      .from(tiktokAccounts)
      .where(eq(tiktokAccounts.workspaceId, other.workspaceId));
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [fine.id]: 'active',
      [withdrawn.id]: 'needs_reconnect',
      [revoked.id]: 'needs_reconnect',
    });
  });

  it('pages through a large advertiser', { timeout: 120_000 }, async () => {
    const created = (await control('marketing/advertisers', {
      name: 'Paging Co',
      currency: 'GBP',
      timezone: 'Europe/London',
      country: 'GB',
      createdDaysAgo: 60,
      campaigns: 50,
      adgroupsPerCampaign: 3,
      adsPerAdgroup: 3,
    })) as { advertiser: { advertiserId: string } };
    const advertiserId = created.advertiser.advertiserId;
    const other = await createWorkspaceWithMembers(db);
    const { id } = await connectTestAccount(db, stack.sandbox, {
      kind: 'ads',
      workspaceId: other.workspaceId,
      userId: other.owner.id,
      advertiserId,
    });
    await stack.clearRequests();
    // TikTok's page size is 1,000 rows; smaller pages make the sandbox's data span several.
    ADS_REPORT_PAGING.pageSize = 200;
    const { run } = await runReportsNow(db, store.storage, other.workspaceId).finally(() => {
      ADS_REPORT_PAGING.pageSize = 1000;
    });
    expect(run.status).toBe('succeeded');
    const today = localDate(now(), 'Europe/London');
    const expected = await sandboxCampaignDays(advertiserId, addDays(today, -30), addDays(today, -1));
    expect(expected.size).toBeGreaterThan(400);
    expect(await storedCampaignDays(id)).toEqual(expected);
    // Our pages of 200, plus the one page of our own direct check above.
    expect(await stack.requestCount('marketing.report.integrated')).toBe(Math.ceil(expected.size / 200) + 1);
  });
});

describe('time slices', () => {
  it('a backfill that uses up its slice stops after a saved window, and the next attempt continues there without re-fetching', async () => {
    const team = await createWorkspaceWithMembers(db);
    const { id: slicedId } = await connectTestAccount(db, stack.sandbox, {
      kind: 'ads',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      advertiserId: SHOP_EU,
    });
    await control('marketing/reports', { maxSpanDays: 7 });
    const { run } = await startReportRun(db, { workspaceId: team.workspaceId, trigger: 'manual' });
    await stack.clearRequests();
    const ctx = { attempt: 1, maxAttempts: 5, signal: new AbortController().signal };
    const snoozes: number[] = [];
    for (;;) {
      // A zero slice: every attempt ends after its first saved window.
      const outcome = await collectReportAccount(
        db,
        { storage: store.storage },
        { runId: run.id, accountId: slicedId },
        ctx,
        0,
      ).catch((error: unknown) => error);
      if (!(outcome instanceof TryLaterError)) {
        expect(outcome).toEqual({ collected: true });
        break;
      }
      snoozes.push(outcome.delayMs);
      if (snoozes.length > 10) throw outcome;
    }
    // 30 → 40067, 15 → 40067, then 7 + 7 + 7 + 7 + 2 days: one window per attempt, each continuing at
    // once (a zero-delay snooze, not a failed attempt), nothing fetched twice.
    expect(snoozes).toEqual([0, 0, 0, 0]);
    expect(await stack.requestCount('marketing.report.integrated')).toBe(7);
    expect(await stack.requestCount('marketing.oauth.advertiser.get')).toBe(1);
    const [part] = await db.select().from(reportRunAccounts).where(eq(reportRunAccounts.accountId, slicedId));
    expect(part?.status).toBe('succeeded');
    expect((await filesOf(slicedId)).size).toBe(30);
  });
});

describe('business reports', () => {
  it('backfills the 60 days TikTok keeps on the first run, then fetches only the settle window', async () => {
    const team = await createWorkspaceWithMembers(db);
    const { id, user } = await connectTestAccount(db, stack.sandbox, {
      kind: 'business',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
    await stack.clearRequests();
    const { run } = await runReportsNow(db, store.storage, team.workspaceId);
    expect(run.status).toBe('succeeded');
    const today = localDate(now(), 'UTC');
    const days = dateRange(addDays(today, -60), addDays(today, -1));
    const stored = await db.select().from(businessDayStats).where(eq(businessDayStats.accountId, id));
    expect(stored.map((row) => row.day).sort()).toEqual(days);
    const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
    const expected = dailyRows(user!, [...BUSINESS_DAILY_FIELDS], dayMs(days[0]!), dayMs(days.at(-1)!));
    for (const row of expected) {
      const mine = stored.find((item) => item.day === row.date)!;
      expect(mine).toMatchObject({
        followers: row.daily_total_followers,
        newFollowers: row.daily_new_followers,
        lostFollowers: row.daily_lost_followers,
        videoViews: row.video_views,
        profileViews: row.profile_views,
        likes: row.likes,
        comments: row.comments,
        shares: row.shares,
      });
    }
    expect((await filesOf(id)).size).toBe(60);
    const yesterday = days.at(-1)!;
    const [file] = await db
      .select()
      .from(reportFiles)
      .where(and(eq(reportFiles.accountId, id), eq(reportFiles.day, yesterday)));
    const records = parse(await readObject(store.storage, file!.key), { columns: true }) as Record<
      string,
      string
    >[];
    expect(records).toEqual([
      expect.objectContaining({
        date: yesterday,
        account_id: id,
        followers: String(expected.at(-1)!.daily_total_followers),
        new_followers: String(expected.at(-1)!.daily_new_followers),
      }),
    ]);
    expect(await stack.requestCount('business.get')).toBe(1);

    // A rerun asks only for the settle window and rewrites nothing that did not change.
    const before = await filesOf(id);
    await runReportsNow(db, store.storage, team.workspaceId);
    expect(await filesOf(id)).toEqual(before);
  });
});
