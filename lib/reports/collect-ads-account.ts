import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { adCampaignDays, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { getAdvertiserInfo } from '@/lib/tiktok/marketing/get-advertiser-info';
import { getIntegratedReport } from '@/lib/tiktok/marketing/get-integrated-report';
import { listAdvertisers } from '@/lib/tiktok/marketing/list-advertisers';
import { markAccountNeedsReconnect } from '@/lib/tokens/mark-account-needs-reconnect';
import { type CollectOptions, type CollectResult, yieldIfSliceEnded } from './collect-options';
import { ReportAccountError } from './report-account-error';
import { addDays, dateRange, localDate } from './report-dates';

/** First run of an advertiser: this many days of history. */
export const ADS_BACKFILL_DAYS = 30;
/** Rows per report page: TikTok's maximum (tests lower it to exercise paging on small data). */
export const ADS_REPORT_PAGING = { pageSize: 1000 };
/** TikTok's longest window for a report by day. */
const MAX_STEP_DAYS = 30;
const METRICS = ['campaign_name', 'currency', 'spend', 'impressions', 'clicks', 'ctr', 'cpc', 'conversion'];
/** The advertiser is no longer reachable with this grant (removed from the token, or the account). */
const LOST_ADVERTISER = new Set(['40106']);

/**
 * One advertiser's spend by day and campaign, deleted campaigns included, in the advertiser's own
 * time zone (`stat_time_day`). Re-lists the grant's advertisers first (one removed from the grant
 * needs attention), refreshes currency and zone, then fetches from the last stored day — or the
 * backfill — and always the settle window again, because TikTok revises recent days. A window
 * TikTok finds too large (40067) is halved until it passes.
 */
export async function collectAdsAccount(db: Db, options: CollectOptions): Promise<CollectResult> {
  const { workspaceId, accountId, collectedAt, settleDays, signal } = options;
  const saved = options.progress as AdsProgress;
  try {
    return await withAccountToken(
      db,
      { workspaceId, accountId, kinds: ['ads'] },
      async (accessToken, account) => {
        // Once per run: a resumed attempt (after a snooze or a crash) keeps what the first one checked.
        let timeZone = saved.timeZone ?? null;
        if (!timeZone) {
          const listed = await listAdvertisers(accessToken, signal);
          if (!listed.some((item) => item.advertiserId === account.tiktokId)) {
            throw Object.assign(new Error('advertiser not listed'), { lostAdvertiser: true });
          }
          const [info] = await getAdvertiserInfo({
            accessToken,
            advertiserIds: [account.tiktokId],
            signal,
          });
          timeZone = info?.timeZone ?? account.timeZone ?? 'UTC';
          if (info) {
            await db
              .update(tiktokAccounts)
              .set({
                timeZone,
                currency: info.currency,
                advertiserStatus: info.status,
                displayName: info.name,
              })
              .where(eq(tiktokAccounts.id, accountId));
          }
          await options.saveProgress({ timeZone });
        }
        const today = localDate(collectedAt, timeZone);
        const end = addDays(today, -1);
        const [last] = await db
          .select({ day: sql<string | null>`max(${adCampaignDays.day})` })
          .from(adCampaignDays)
          .where(eq(adCampaignDays.accountId, accountId));
        const window = addDays(today, -settleDays);
        let start = saved.start ?? (last?.day ? addDays(last.day, 1) : addDays(today, -ADS_BACKFILL_DAYS));
        if (window < start) start = window;
        if (start > end) return { days: [] };

        // A snoozed or crashed attempt resumes at the window it stopped at, with the step TikTok accepted.
        let step = saved.step ?? MAX_STEP_DAYS;
        for (let from = saved.next && saved.next > start ? saved.next : start; from <= end; ) {
          signal?.throwIfAborted();
          const to = minDate(addDays(from, step - 1), end);
          let rows: Awaited<ReturnType<typeof getIntegratedReport>>;
          try {
            rows = await getIntegratedReport({
              accessToken,
              advertiserId: account.tiktokId,
              dataLevel: 'AUCTION_CAMPAIGN',
              dimensions: ['campaign_id', 'stat_time_day'],
              metrics: METRICS,
              startDate: from,
              endDate: to,
              includeDeleted: true,
              pageSize: ADS_REPORT_PAGING.pageSize,
              signal,
            });
          } catch (error) {
            if (isTikTokApiError(error) && error.code === '40067' && step > 1) {
              step = Math.max(1, Math.floor(step / 2));
              continue;
            }
            throw error;
          }
          await saveRows(db, accountId, collectedAt, rows);
          from = addDays(to, 1);
          await options.saveProgress({ timeZone, start, next: from, step });
          // Only after a saved window: every attempt gets somewhere.
          if (from <= end) yieldIfSliceEnded(options);
        }
        return { days: dateRange(start, end) };
      },
    );
  } catch (error) {
    const lost =
      (error instanceof Error && 'lostAdvertiser' in error) ||
      (isTikTokApiError(error) && LOST_ADVERTISER.has(error.code));
    if (!lost) throw error;
    await markAccountNeedsReconnect(db, {
      accountId,
      reason: 'access_token_invalid',
      tiktokCode: isTikTokApiError(error) ? error.code : '40106',
    });
    throw new ReportAccountError(
      'TikTok no longer gives this connection access to the advertiser. Reconnect the ad account.',
      { cause: error },
    );
  }
}

type AdsProgress = { timeZone?: string; start?: string; next?: string; step?: number };

const minDate = (a: string, b: string) => (a < b ? a : b);
const num = (value: string | undefined) => {
  const parsed = Number(value);
  return value === undefined || value === '' || value === '-' || !Number.isFinite(parsed) ? null : parsed;
};

async function saveRows(
  db: Db,
  accountId: string,
  collectedAt: Date,
  rows: Awaited<ReturnType<typeof getIntegratedReport>>,
) {
  if (rows.length === 0) return;
  const values = rows.map(({ dimensions, metrics }) => ({
    accountId,
    campaignId: dimensions.campaign_id ?? '',
    day: (dimensions.stat_time_day ?? '').slice(0, 10),
    collectedAt,
    campaignName: metrics.campaign_name || null,
    currency: metrics.currency || null,
    spend: num(metrics.spend) ?? 0,
    impressions: Math.round(num(metrics.impressions) ?? 0),
    clicks: Math.round(num(metrics.clicks) ?? 0),
    ctr: num(metrics.ctr),
    cpc: num(metrics.cpc),
    conversions: Math.round(num(metrics.conversion) ?? 0),
  }));
  await db
    .insert(adCampaignDays)
    .values(values)
    .onConflictDoUpdate({
      target: [adCampaignDays.accountId, adCampaignDays.campaignId, adCampaignDays.day],
      set: Object.fromEntries(
        [
          ['collectedAt', 'collected_at'],
          ['campaignName', 'campaign_name'],
          ['currency', 'currency'],
          ['spend', 'spend'],
          ['impressions', 'impressions'],
          ['clicks', 'clicks'],
          ['ctr', 'ctr'],
          ['cpc', 'cpc'],
          ['conversions', 'conversions'],
        ].map(([field, column]) => [field, sql.raw(`excluded.${column}`)]),
      ),
    });
}
