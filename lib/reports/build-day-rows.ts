import 'server-only';
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import {
  adCampaignDays,
  businessDayStats,
  creatorDaySnapshots,
  type TikTokAccount,
  videoDaySnapshots,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { ReportRow } from './report-columns';

type Account = Pick<TikTokAccount, 'id' | 'kind' | 'tiktokId' | 'username'>;

const diff = (current: number | null, previous: number | null | undefined) =>
  current === null || previous === null || previous === undefined ? null : current - previous;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The rows of one account's file for one day, from the stored snapshots (never from TikTok). */
export async function buildDayRows(db: Db, account: Account, day: string): Promise<ReportRow[]> {
  if (account.kind === 'creator') return creatorRows(db, account, day);
  if (account.kind === 'business') {
    const rows = await db
      .select()
      .from(businessDayStats)
      .where(and(eq(businessDayStats.accountId, account.id), eq(businessDayStats.day, day)));
    return rows.map((row) => ({
      date: row.day,
      account_id: account.id,
      username: account.username,
      followers: row.followers,
      new_followers: row.newFollowers,
      lost_followers: row.lostFollowers,
      video_views: row.videoViews,
      profile_views: row.profileViews,
      likes: row.likes,
      comments: row.comments,
      shares: row.shares,
    }));
  }
  const rows = await db
    .select()
    .from(adCampaignDays)
    .where(and(eq(adCampaignDays.accountId, account.id), eq(adCampaignDays.day, day)))
    .orderBy(asc(adCampaignDays.campaignId));
  return rows.map((row) => ({
    date: row.day,
    account_id: account.id,
    advertiser_id: account.tiktokId,
    campaign_id: row.campaignId,
    campaign_name: row.campaignName,
    currency: row.currency,
    spend: row.spend,
    impressions: row.impressions,
    clicks: row.clicks,
    ctr: row.ctr,
    cpc: row.cpc,
    conversions: row.conversions,
  }));
}

/**
 * Changes are measured against the previous snapshot, whenever it was taken (a missed day makes
 * the change span two days; `previous_collected_at` says so), never against an assumed midnight.
 */
async function creatorRows(db: Db, account: Account, day: string): Promise<ReportRow[]> {
  const [current] = await db
    .select()
    .from(creatorDaySnapshots)
    .where(and(eq(creatorDaySnapshots.accountId, account.id), eq(creatorDaySnapshots.day, day)));
  if (!current) return [];
  const [previous] = await db
    .select()
    .from(creatorDaySnapshots)
    .where(and(eq(creatorDaySnapshots.accountId, account.id), lt(creatorDaySnapshots.day, day)))
    .orderBy(desc(creatorDaySnapshots.day))
    .limit(1);
  const videos = await db
    .select()
    .from(videoDaySnapshots)
    .where(and(eq(videoDaySnapshots.accountId, account.id), eq(videoDaySnapshots.day, day)))
    .orderBy(sql`${videoDaySnapshots.postedAt} desc nulls last`, asc(videoDaySnapshots.videoId));
  const before = previous
    ? new Map(
        (
          await db
            .select({ videoId: videoDaySnapshots.videoId, views: videoDaySnapshots.views })
            .from(videoDaySnapshots)
            .where(and(eq(videoDaySnapshots.accountId, account.id), eq(videoDaySnapshots.day, previous.day)))
        ).map((row) => [row.videoId, row.views]),
      )
    : null;
  const base: ReportRow = {
    date: current.day,
    account_id: account.id,
    username: account.username,
    collected_at: iso(current.collectedAt),
    previous_collected_at: iso(previous?.collectedAt ?? null),
    followers: current.followers,
    followers_change: diff(current.followers, previous?.followers),
    following: current.following,
    likes_total: current.likes,
    likes_total_change: diff(current.likes, previous?.likes),
    video_count: current.videos,
  };
  if (videos.length === 0) return [base];
  return videos.map((video) => {
    // A video first seen now counts all its views as new if it was posted after the previous reading.
    const postedSince =
      previous && video.postedAt && video.postedAt.getTime() > previous.collectedAt.getTime() ? 0 : undefined;
    return {
      ...base,
      video_id: video.videoId,
      video_title: video.title,
      video_posted_at: iso(video.postedAt),
      video_url: video.shareUrl,
      views: video.views,
      views_change: diff(video.views, before?.get(video.videoId) ?? postedSince),
      likes: video.likes,
      comments: video.comments,
      shares: video.shares,
    };
  });
}
