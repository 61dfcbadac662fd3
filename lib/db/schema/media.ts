import {
  bigint,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { workspaces } from './workspaces';

/** What a stored file is for; each purpose has its own size and type limits (lib/uploads/media-purposes.ts). */
export const mediaPurposeEnum = pgEnum('media_purpose', ['video', 'photo', 'dm_image', 'dm_inbound']);
export type MediaPurpose = (typeof mediaPurposeEnum.enumValues)[number];

/** `uploading` until every byte is in storage and checked; `failed` keeps the reason, never the bytes. */
export const mediaStatusEnum = pgEnum('media_status', ['uploading', 'ready', 'failed']);
export type MediaStatus = (typeof mediaStatusEnum.enumValues)[number];

/** `single`: one presigned PUT (one-part files on S3); `multipart`: parts, resumable. */
export const mediaUploadStrategyEnum = pgEnum('media_upload_strategy', ['single', 'multipart']);

/** A file a workspace stored: uploaded by a member, or fetched by the server (inbound DM media). */
export const mediaObjects = pgTable(
  'media_objects',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Built from ids only (lib/media/media-key.ts): never from a file name. */
    key: text('key').notNull(),
    purpose: mediaPurposeEnum('purpose').notNull(),
    /** As the user named it, for Content-Disposition and display; never used in a path. */
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    /** Declared while uploading, measured once ready. */
    size: bigint('size', { mode: 'number' }).notNull(),
    etag: text('etag'),
    /** Hex SHA-256 when the server saw every byte (server-side writes); browser uploads have the ETag. */
    checksumSha256: text('checksum_sha256'),
    status: mediaStatusEnum('status').notNull().default('uploading'),
    failureReason: text('failure_reason'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    uniqueIndex('media_objects_key_idx').on(table.key),
    index('media_objects_workspace_created_idx').on(table.workspaceId, table.createdAt),
    index('media_objects_status_updated_idx').on(table.status, table.updatedAt),
  ],
);

/** The upload in progress for a media object; removed once it completes or is aborted. */
export const mediaUploads = pgTable(
  'media_uploads',
  {
    mediaId: text('media_id')
      .primaryKey()
      .references(() => mediaObjects.id, { onDelete: 'cascade' }),
    strategy: mediaUploadStrategyEnum('strategy').notNull(),
    /** The store's multipart upload id; null for a single presigned PUT. */
    storageUploadId: text('storage_upload_id'),
    partSize: integer('part_size').notNull(),
    partCount: integer('part_count').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('media_uploads_expires_idx').on(table.expiresAt)],
);

/** Parts the store acknowledged: what a resumed upload skips and what completion assembles. */
export const mediaUploadParts = pgTable(
  'media_upload_parts',
  {
    mediaId: text('media_id')
      .notNull()
      .references(() => mediaUploads.mediaId, { onDelete: 'cascade' }),
    partNumber: integer('part_number').notNull(),
    etag: text('etag').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.mediaId, table.partNumber] })],
);

export type MediaObject = typeof mediaObjects.$inferSelect;
export type MediaUpload = typeof mediaUploads.$inferSelect;
