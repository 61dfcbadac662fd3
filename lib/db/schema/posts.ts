import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { tiktokAccounts } from './tiktok-accounts';
import { workspaces } from './workspaces';

export const postKindEnum = pgEnum('post_kind', ['video', 'photo']);
/** `direct`: Direct Post; `inbox`: the creator's TikTok inbox as a draft they finish in the app. */
export const postModeEnum = pgEnum('post_mode', ['direct', 'inbox']);
export const postSourceEnum = pgEnum('post_source', ['FILE_UPLOAD', 'PULL_FROM_URL']);
/** `draft`: saved in Tokdesk only; `scheduled`: waits for `scheduled_at`; `submitted`: targets run. */
export const postStatusEnum = pgEnum('post_status', ['draft', 'scheduled', 'submitted', 'cancelled']);

/**
 * Where one account's copy of a post stands. `init_unknown`: an init whose answer was lost for a
 * source TikTok pulls itself (PULL_FROM_URL, photos): never initialised again, resolved by the
 * `post.publish.*` webhook that names the new publish_id, else ends `unconfirmed`.
 */
export const postTargetStageEnum = pgEnum('post_target_stage', [
  'scheduled',
  'queued',
  'uploading',
  'init_unknown',
  'processing',
  'published',
  'inbox',
  'unconfirmed',
  'failed',
  'cancelled',
]);
export type PostTargetStage = (typeof postTargetStageEnum.enumValues)[number];

/** What a person composed once for one or many accounts. */
export const posts = pgTable(
  'posts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    kind: postKindEnum('kind').notNull(),
    mode: postModeEnum('mode').notNull().default('direct'),
    source: postSourceEnum('source').notNull().default('FILE_UPLOAD'),
    /** Video caption, or a photo post's title. Counted in UTF-16 units like TikTok. */
    caption: text('caption').notNull().default(''),
    /** Photo posts only. */
    description: text('description').notNull().default(''),
    /** The stored media, in order (one video, or 1–35 photos). */
    mediaIds: jsonb('media_ids').$type<string[]>().notNull(),
    coverIndex: integer('cover_index').notNull().default(0),
    status: postStatusEnum('status').notNull().default('submitted'),
    /** App time; null = post now. Shown in the workspace's time zone. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    index('posts_workspace_created_idx').on(table.workspaceId, table.createdAt),
    index('posts_workspace_scheduled_idx').on(table.workspaceId, table.scheduledAt),
  ],
);

/** The per-account choices TikTok's UX rules make the user take (nothing here has a default). */
export type PostTargetSettings = {
  privacyLevel: string | null;
  allowComment: boolean;
  allowDuet: boolean;
  allowStitch: boolean;
  disclosure: { enabled: boolean; yourBrand: boolean; brandedContent: boolean };
  isAigc: boolean;
  autoAddMusic?: boolean;
};

/** One post on one account: one pipeline task, with its stage, TikTok handle and upload progress. */
export const postTargets = pgTable(
  'post_targets',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => tiktokAccounts.id, { onDelete: 'cascade' }),
    settings: jsonb('settings').$type<PostTargetSettings>().notNull(),
    stage: postTargetStageEnum('stage').notNull().default('queued'),
    /** Written (and committed) before an init is sent: a run that finds it set without a publish_id knows an init may have reached TikTok. */
    initStartedAt: timestamp('init_started_at', { withTimezone: true }),
    initCount: integer('init_count').notNull().default(0),
    /** TikTok's handle, stored in the transaction that records the init's success; never replaced once set except by a safe FILE_UPLOAD re-init. */
    publishId: text('publish_id'),
    /** FILE_UPLOAD: TikTok's pre-signed upload URL (valid one hour) and the plan sent with init. */
    uploadUrl: text('upload_url'),
    uploadUrlExpiresAt: timestamp('upload_url_expires_at', { withTimezone: true }),
    videoSize: bigint('video_size', { mode: 'number' }),
    chunkSize: bigint('chunk_size', { mode: 'number' }),
    totalChunkCount: integer('total_chunk_count'),
    /** Bytes TikTok acknowledged (persisted after every chunk): where a resumed upload carries on. */
    uploadedBytes: bigint('uploaded_bytes', { mode: 'number' }).notNull().default(0),
    processingSince: timestamp('processing_since', { withTimezone: true }),
    tiktokStatus: text('tiktok_status'),
    failReason: text('fail_reason'),
    failMessage: text('fail_message'),
    /** Public post ids (19-digit strings) once moderation made the post public. */
    postIds: jsonb('post_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    creatorUsername: text('creator_username'),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Bumped on each Retry, so the new job does not collide with the old one's dedupe key. */
    runCount: integer('run_count').notNull().default(1),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    uniqueIndex('post_targets_post_account_idx').on(table.postId, table.accountId),
    uniqueIndex('post_targets_publish_id_idx').on(table.publishId),
    index('post_targets_workspace_stage_idx').on(table.workspaceId, table.stage),
    index('post_targets_account_stage_idx').on(table.accountId, table.stage),
  ],
);

export type Post = typeof posts.$inferSelect;
export type PostTarget = typeof postTargets.$inferSelect;
