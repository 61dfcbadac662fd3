import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import {
  adCampaignDays,
  businessDayStats,
  creatorDaySnapshots,
  jobSchedules,
  reportFiles,
  reportRunAccounts,
  reportRuns,
  tiktokAccounts,
  videoDaySnapshots,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { addDays } from './report-dates';
import { readReportSettings } from './report-settings';
import { ensureReportSchedule } from './update-report-settings';

export type ReportAccount = {
  id: string;
  kind: 'creator' | 'business' | 'ads';
  name: string;
  status: string;
  currency: string | null;
};

export type AccountSummary = ReportAccount & {
  /** Creator/business: followers at the end of the range and gained in it; ads: spend and conversions. */
  primary: number | null;
  primaryChange: number | null;
  views: number | null;
  spend: number | null;
  conversions: number | null;
};

export type ReportsOverview = Awaited<ReturnType<typeof getReportsOverview>>;

/**
 * Everything the reports page shows for a date range: the last run with each account's outcome,
 * a comparison of all accounts, and the days of every account (charts read them per account).
 * Owners and admins only. Opening it makes sure the workspace's daily run is scheduled.
 */
export async function getReportsOverview(
  db: Db,
  { workspaceId, userId, from, to }: { workspaceId: string; userId: string; from: string; to: string },
) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const settings = await readReportSettings(db, workspaceId);
  const [schedule] = await db
    .select({ nextRunAt: jobSchedules.nextRunAt, timeZone: jobSchedules.timeZone, cron: jobSchedules.cron })
    .from(jobSchedules)
    .where(eq(jobSchedules.id, `reports.daily:${workspaceId}`));
  const nextRunAt =
    schedule && schedule.timeZone === settings.timeZone
      ? schedule.nextRunAt
      : (await ensureReportSchedule(db, settings)).nextRunAt;

  const accountRows = await db
    .select({
      id: tiktokAccounts.id,
      kind: tiktokAccounts.kind,
      username: tiktokAccounts.username,
      displayName: tiktokAccounts.displayName,
      status: tiktokAccounts.status,
      currency: tiktokAccounts.currency,
    })
    .from(tiktokAccounts)
    .where(eq(tiktokAccounts.workspaceId, workspaceId))
    .orderBy(asc(tiktokAccounts.kind), asc(tiktokAccounts.createdAt));
  const accounts: ReportAccount[] = accountRows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.username ? `@${row.username}` : (row.displayName ?? row.id),
    status: row.status,
    currency: row.currency,
  }));
  const ids = accounts.map((account) => account.id);

  const [lastRun] = await db
    .select()
    .from(reportRuns)
    .where(eq(reportRuns.workspaceId, workspaceId))
    .orderBy(desc(reportRuns.startedAt))
    .limit(1);
  const runParts = lastRun
    ? await db
        .select({
          accountId: reportRunAccounts.accountId,
          status: reportRunAccounts.status,
          error: reportRunAccounts.error,
          rows: reportRunAccounts.rows,
          finishedAt: reportRunAccounts.finishedAt,
        })
        .from(reportRunAccounts)
        .where(eq(reportRunAccounts.runId, lastRun.id))
    : [];

  // One day before the range, so the first day in it has a change.
  const before = addDays(from, -7);
  const creatorDays =
    ids.length === 0
      ? []
      : await db
          .select({
            accountId: creatorDaySnapshots.accountId,
            day: creatorDaySnapshots.day,
            followers: creatorDaySnapshots.followers,
            likesTotal: creatorDaySnapshots.likes,
            views: sql<
              number | null
            >`(select sum(v.views)::float8 from ${videoDaySnapshots} v where v.account_id = ${creatorDaySnapshots.accountId} and v.day = ${creatorDaySnapshots.day})`,
            engagement: sql<
              number | null
            >`(select sum(coalesce(v.likes,0) + coalesce(v.comments,0) + coalesce(v.shares,0))::float8 from ${videoDaySnapshots} v where v.account_id = ${creatorDaySnapshots.accountId} and v.day = ${creatorDaySnapshots.day})`,
          })
          .from(creatorDaySnapshots)
          .where(
            and(
              inArray(creatorDaySnapshots.accountId, ids),
              gte(creatorDaySnapshots.day, before),
              lte(creatorDaySnapshots.day, to),
            ),
          )
          .orderBy(asc(creatorDaySnapshots.day));
  const businessDays =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(businessDayStats)
          .where(
            and(
              inArray(businessDayStats.accountId, ids),
              gte(businessDayStats.day, from),
              lte(businessDayStats.day, to),
            ),
          )
          .orderBy(asc(businessDayStats.day));
  const adDays =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(adCampaignDays)
          .where(
            and(
              inArray(adCampaignDays.accountId, ids),
              gte(adCampaignDays.day, from),
              lte(adCampaignDays.day, to),
            ),
          )
          .orderBy(asc(adCampaignDays.day), asc(adCampaignDays.campaignId));
  const files =
    ids.length === 0
      ? []
      : await db
          .select({
            accountId: reportFiles.accountId,
            day: reportFiles.day,
            rows: reportFiles.rows,
            bytes: reportFiles.bytes,
          })
          .from(reportFiles)
          .where(
            and(
              eq(reportFiles.workspaceId, workspaceId),
              gte(reportFiles.day, from),
              lte(reportFiles.day, to),
            ),
          )
          .orderBy(desc(reportFiles.day));

  const series = Object.fromEntries(
    accounts.map((account) => [account.id, seriesFor(account, { creatorDays, businessDays, adDays, from })]),
  );
  const summaries: AccountSummary[] = accounts.map((account) => summarize(account, series[account.id]!));
  return {
    settings: { ...settings, nextRunAt },
    accounts,
    summaries,
    series,
    lastRun: lastRun ? { ...lastRun, parts: runParts } : null,
    files,
  };
}

export type DayPoint = Record<string, number | string | null> & { day: string };

type Sources = {
  creatorDays: {
    accountId: string;
    day: string;
    followers: number | null;
    likesTotal: number | null;
    views: number | null;
    engagement: number | null;
  }[];
  businessDays: (typeof businessDayStats.$inferSelect)[];
  adDays: (typeof adCampaignDays.$inferSelect)[];
  from: string;
};

function seriesFor(account: ReportAccount, sources: Sources) {
  if (account.kind === 'creator') {
    const rows = sources.creatorDays.filter((row) => row.accountId === account.id);
    const points: DayPoint[] = [];
    for (const [i, row] of rows.entries()) {
      const previous = rows[i - 1];
      if (row.day < sources.from) continue;
      const change = (a: number | null, b: number | null | undefined) =>
        a === null || b === null || b === undefined ? null : a - b;
      points.push({
        day: row.day,
        followers: row.followers,
        views: change(row.views, previous?.views),
        engagement: change(row.engagement, previous?.engagement),
        totalViews: row.views,
      });
    }
    return { days: points, campaigns: [] as CampaignTotal[] };
  }
  if (account.kind === 'business') {
    const days: DayPoint[] = sources.businessDays
      .filter((row) => row.accountId === account.id)
      .map((row) => ({
        day: row.day,
        followers: row.followers,
        views: row.videoViews,
        engagement: (row.likes ?? 0) + (row.comments ?? 0) + (row.shares ?? 0),
        profileViews: row.profileViews,
      }));
    return { days, campaigns: [] as CampaignTotal[] };
  }
  const rows = sources.adDays.filter((row) => row.accountId === account.id);
  const byDay = new Map<string, DayPoint>();
  const campaigns = new Map<string, CampaignTotal>();
  for (const row of rows) {
    const point = byDay.get(row.day) ?? { day: row.day, spend: 0, conversions: 0, clicks: 0, impressions: 0 };
    point.spend = round2(Number(point.spend) + row.spend);
    point.conversions = Number(point.conversions) + row.conversions;
    point.clicks = Number(point.clicks) + row.clicks;
    point.impressions = Number(point.impressions) + row.impressions;
    byDay.set(row.day, point);
    const campaign = campaigns.get(row.campaignId) ?? {
      campaignId: row.campaignId,
      name: row.campaignName ?? row.campaignId,
      spend: 0,
      impressions: 0,
      clicks: 0,
      conversions: 0,
    };
    campaign.spend = round2(campaign.spend + row.spend);
    campaign.impressions += row.impressions;
    campaign.clicks += row.clicks;
    campaign.conversions += row.conversions;
    campaigns.set(row.campaignId, campaign);
  }
  return { days: [...byDay.values()], campaigns: [...campaigns.values()].sort((a, b) => b.spend - a.spend) };
}

export type CampaignTotal = {
  campaignId: string;
  name: string;
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
};

const round2 = (value: number) => Math.round(value * 100) / 100;

function summarize(account: ReportAccount, series: ReturnType<typeof seriesFor>): AccountSummary {
  const days = series.days;
  const sum = (name: string) =>
    days.reduce((total, day) => (typeof day[name] === 'number' ? total + (day[name] as number) : total), 0);
  if (account.kind === 'ads') {
    return {
      ...account,
      primary: null,
      primaryChange: null,
      views: null,
      spend: round2(sum('spend')),
      conversions: sum('conversions'),
    };
  }
  const first = days.find((day) => day.followers !== null)?.followers as number | undefined;
  const last = [...days].reverse().find((day) => day.followers !== null)?.followers as number | undefined;
  return {
    ...account,
    primary: last ?? null,
    primaryChange: first !== undefined && last !== undefined ? last - first : null,
    views: days.length ? sum('views') : null,
    spend: null,
    conversions: null,
  };
}
