import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { tiktokAccounts } from './tiktok-accounts';
import { workspaces } from './workspaces';

const count = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });
const accountRef = () =>
  text('account_id')
    .notNull()
    .references(() => tiktokAccounts.id, { onDelete: 'cascade' });

/** A workspace's report configuration; a missing row means the defaults. */
export const reportSettings = pgTable('report_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** `HH:MM` in the workspace's time zone: when the daily run starts. */
  dailyTime: text('daily_time').notNull().default('06:00'),
  /** Storage key template for CSVs (placeholders in lib/reports/report-key.ts); null = the default layout. */
  keyTemplate: text('key_template'),
  /** Ads days younger than this are fetched again on every run, because TikTok's numbers settle late. */
  settleDays: integer('settle_days').notNull().default(3),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const reportRunStatusEnum = pgEnum('report_run_status', ['running', 'succeeded', 'partial', 'failed']);
export const reportAccountStatusEnum = pgEnum('report_account_status', [
  'pending',
  'running',
  'succeeded',
  'failed',
]);

/** One collection over every account of a workspace (daily schedule or "Run now"). */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    /** The workspace-local date the run collects for (creator snapshots are filed under it). */
    day: day('day').notNull(),
    status: reportRunStatusEnum('status').notNull().default('running'),
    startedByUserId: text('started_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (table) => [index('report_runs_workspace_idx').on(table.workspaceId, table.startedAt)],
);

/** Each account's part of a run: status, reason and where a crashed collection resumes. */
export const reportRunAccounts = pgTable(
  'report_run_accounts',
  {
    runId: text('run_id')
      .notNull()
      .references(() => reportRuns.id, { onDelete: 'cascade' }),
    accountId: accountRef(),
    status: reportAccountStatusEnum('status').notNull().default('pending'),
    error: text('error'),
    /** Collector state saved after every page (video cursor), so a crash resumes where it stopped. */
    progress: jsonb('progress').$type<Record<string, unknown>>(),
    rows: integer('rows').notNull().default(0),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.accountId] }),
    index('report_run_accounts_account_idx').on(table.accountId),
  ],
);

/** A creator's cumulative totals, one row per account and workspace-local day (the day's latest reading). */
export const creatorDaySnapshots = pgTable(
  'creator_day_snapshots',
  {
    accountId: accountRef(),
    day: day('day').notNull(),
    collectedAt: at('collected_at').notNull(),
    followers: count('followers'),
    following: count('following'),
    likes: count('likes'),
    videos: count('videos'),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.day] })],
);

/** A video's cumulative counts per day. Cover URLs expire, so only the share link is kept. */
export const videoDaySnapshots = pgTable(
  'video_day_snapshots',
  {
    accountId: accountRef(),
    videoId: text('video_id').notNull(),
    day: day('day').notNull(),
    collectedAt: at('collected_at').notNull(),
    title: text('title'),
    shareUrl: text('share_url'),
    postedAt: at('posted_at'),
    durationSec: integer('duration_sec'),
    views: count('views'),
    likes: count('likes'),
    comments: count('comments'),
    shares: count('shares'),
  },
  (table) => [
    primaryKey({ columns: [table.accountId, table.videoId, table.day] }),
    index('video_day_snapshots_day_idx').on(table.accountId, table.day),
  ],
);

/** business/get's daily series, per account and UTC day as TikTok reports it. */
export const businessDayStats = pgTable(
  'business_day_stats',
  {
    accountId: accountRef(),
    day: day('day').notNull(),
    collectedAt: at('collected_at').notNull(),
    followers: count('followers'),
    newFollowers: count('new_followers'),
    lostFollowers: count('lost_followers'),
    videoViews: count('video_views'),
    profileViews: count('profile_views'),
    likes: count('likes'),
    comments: count('comments'),
    shares: count('shares'),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.day] })],
);

/** Integrated report rows by `stat_time_day` (advertiser's zone) and campaign, deleted campaigns included. */
export const adCampaignDays = pgTable(
  'ad_campaign_days',
  {
    accountId: accountRef(),
    campaignId: text('campaign_id').notNull(),
    day: day('day').notNull(),
    collectedAt: at('collected_at').notNull(),
    campaignName: text('campaign_name'),
    currency: text('currency'),
    spend: doublePrecision('spend').notNull().default(0),
    impressions: count('impressions').notNull().default(0),
    clicks: count('clicks').notNull().default(0),
    ctr: doublePrecision('ctr'),
    cpc: doublePrecision('cpc'),
    conversions: count('conversions').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.accountId, table.campaignId, table.day] }),
    index('ad_campaign_days_day_idx').on(table.accountId, table.day),
  ],
);

/** Every CSV written: what the day's manifest lists, and what a rerun compares against. */
export const reportFiles = pgTable(
  'report_files',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: accountRef(),
    day: day('day').notNull(),
    key: text('key').notNull(),
    rows: integer('rows').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    writtenAt: at('written_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('report_files_account_day_idx').on(table.accountId, table.day),
    index('report_files_workspace_day_idx').on(table.workspaceId, table.day),
    index('report_files_key_idx').on(table.key),
  ],
);

export type ReportRun = typeof reportRuns.$inferSelect;
export type ReportRunAccount = typeof reportRunAccounts.$inferSelect;
export type ReportSettingsRow = typeof reportSettings.$inferSelect;
