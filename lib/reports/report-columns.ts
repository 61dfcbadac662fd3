import type { TikTokAccountKind } from '@/lib/db/schema';

/**
 * The CSV columns of each account kind, in file order. The README's data dictionary documents
 * each (name, type, unit, meaning); change both together, and only by adding columns at the end,
 * because analysts' pipelines read these files by position as often as by name.
 */
export const REPORT_COLUMNS = {
  creator: [
    'date',
    'account_id',
    'username',
    'collected_at',
    'previous_collected_at',
    'followers',
    'followers_change',
    'following',
    'likes_total',
    'likes_total_change',
    'video_count',
    'video_id',
    'video_title',
    'video_posted_at',
    'video_url',
    'views',
    'views_change',
    'likes',
    'comments',
    'shares',
  ],
  business: [
    'date',
    'account_id',
    'username',
    'followers',
    'new_followers',
    'lost_followers',
    'video_views',
    'profile_views',
    'likes',
    'comments',
    'shares',
  ],
  ads: [
    'date',
    'account_id',
    'advertiser_id',
    'campaign_id',
    'campaign_name',
    'currency',
    'spend',
    'impressions',
    'clicks',
    'ctr',
    'cpc',
    'conversions',
  ],
} as const satisfies Record<TikTokAccountKind, readonly string[]>;

export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;
