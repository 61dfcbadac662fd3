import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { businessDayStats } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { getBusinessDailyStats } from '@/lib/tiktok/business-messaging/get-business-daily-stats';
import type { CollectOptions, CollectResult } from './collect-options';
import { addDays, localDate } from './report-dates';

/** TikTok keeps 60 days of business insights: a newly connected account gets all of them. */
export const BUSINESS_BACKFILL_DAYS = 60;

/**
 * A business account's daily series (UTC days, as TikTok files them): the 60 days TikTok keeps on
 * the first run, then everything since the last stored day plus the settle window again.
 */
export async function collectBusinessAccount(db: Db, options: CollectOptions): Promise<CollectResult> {
  const { workspaceId, accountId, collectedAt, settleDays } = options;
  const today = localDate(collectedAt, 'UTC');
  const end = addDays(today, -1);
  const [last] = await db
    .select({ day: sql<string | null>`max(${businessDayStats.day})` })
    .from(businessDayStats)
    .where(eq(businessDayStats.accountId, accountId));
  const earliest = addDays(today, -BUSINESS_BACKFILL_DAYS);
  let start = last?.day ? addDays(last.day, 1) : earliest;
  const window = addDays(today, -settleDays);
  if (window < start) start = window;
  if (start < earliest) start = earliest;
  if (start > end) return { days: [] };
  const days = await withAccountToken(
    db,
    { workspaceId, accountId, kinds: ['business'] },
    (accessToken, account) =>
      getBusinessDailyStats({ accessToken, businessId: account.tiktokId, startDate: start, endDate: end }),
  );
  const rows = days
    .filter((row) => row.date >= start && row.date <= end)
    .map((row) => ({
      accountId,
      day: row.date,
      collectedAt,
      followers: row.daily_total_followers,
      newFollowers: row.daily_new_followers,
      lostFollowers: row.daily_lost_followers,
      videoViews: row.video_views,
      profileViews: row.profile_views,
      likes: row.likes,
      comments: row.comments,
      shares: row.shares,
    }));
  if (rows.length > 0) {
    await db
      .insert(businessDayStats)
      .values(rows)
      .onConflictDoUpdate({
        target: [businessDayStats.accountId, businessDayStats.day],
        set: Object.fromEntries(
          [
            'collected_at',
            'followers',
            'new_followers',
            'lost_followers',
            'video_views',
            'profile_views',
            'likes',
            'comments',
            'shares',
          ].map((column) => [camel(column), sql.raw(`excluded.${column}`)]),
        ),
      });
  }
  return { days: rows.map((row) => row.day) };
}

function camel(column: string) {
  return column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
