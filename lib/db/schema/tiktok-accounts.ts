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
import { workspaces } from './workspaces';

export const tiktokAccountKindEnum = pgEnum('tiktok_account_kind', ['creator', 'business', 'ads']);
export type TikTokAccountKind = (typeof tiktokAccountKindEnum.enumValues)[number];

export const tiktokAccountStatusEnum = pgEnum('tiktok_account_status', [
  'active',
  'needs_reconnect',
  'disconnected',
]);
export type TikTokAccountStatus = (typeof tiktokAccountStatusEnum.enumValues)[number];

const count = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One connected TikTok identity per row: a creator (Login Kit `open_id`), a Business account
 * (`business_id`) or one advertiser (ads). Disconnecting keeps the row (and everything that points
 * at it) and wipes the tokens; reconnecting the same identity reuses the row.
 */
export const tiktokAccounts = pgTable(
  'tiktok_accounts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: tiktokAccountKindEnum('kind').notNull(),
    /** `open_id` (creator), `business_id` (business) or `advertiser_id` (ads): strings, some exceed 2^53. */
    tiktokId: text('tiktok_id').notNull(),
    displayName: text('display_name'),
    username: text('username'),
    avatarUrl: text('avatar_url'),
    profileUrl: text('profile_url'),
    isVerified: boolean('is_verified'),
    followerCount: count('follower_count'),
    followingCount: count('following_count'),
    likesCount: count('likes_count'),
    videoCount: count('video_count'),
    currency: text('currency'),
    timeZone: text('time_zone'),
    advertiserStatus: text('advertiser_status'),
    scopes: text('scopes').array().notNull().default([]),
    status: tiktokAccountStatusEnum('status').notNull().default('active'),
    /** Machine reason for the status (see `account-status-reasons.ts`); null while active. */
    statusReason: text('status_reason'),
    statusMessage: text('status_message'),
    statusChangedAt: at('status_changed_at'),
    /** `encryptSecret` ciphertexts bound to (tiktok_accounts, column, id); null once disconnected. */
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    /**
     * Bumped by every write of the token columns (connect, refresh, disconnect, key rotation). A
     * refresh saves only over the version it read, so no writer silently overwrites another.
     */
    tokenVersion: integer('token_version').notNull().default(0),
    /** When the current grant was given (last connect or reconnect): older removal events are stale. */
    authorizedAt: at('authorized_at'),
    /** Null for ads tokens, which have no timer. */
    accessTokenExpiresAt: at('access_token_expires_at'),
    refreshTokenExpiresAt: at('refresh_token_expires_at'),
    /** Ads: every advertiser kept from one consent shares this id and its token. */
    grantId: text('grant_id'),
    /** The smallest "refresh token runs out in N days" warning already sent (14, 7 or 1). */
    refreshWarningDays: integer('refresh_warning_days'),
    lastSyncedAt: at('last_synced_at'),
    lastRefreshedAt: at('last_refreshed_at'),
    connectedAt: at('connected_at').notNull().defaultNow(),
    connectedByUserId: text('connected_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at')
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    uniqueIndex('tiktok_accounts_identity_idx').on(table.workspaceId, table.kind, table.tiktokId),
    // Webhooks (`authorization.removed`) name only the TikTok id, across workspaces.
    index('tiktok_accounts_tiktok_id_idx').on(table.kind, table.tiktokId),
    index('tiktok_accounts_status_expiry_idx').on(table.status, table.accessTokenExpiresAt),
  ],
);

export type TikTokAccount = typeof tiktokAccounts.$inferSelect;

export type PendingAdvertiser = {
  advertiserId: string;
  name: string;
  currency: string | null;
  timeZone: string | null;
  status: string | null;
};

/**
 * One OAuth attempt. Only a SHA-256 of `state` is stored, the PKCE verifier is encrypted, and a row
 * is good for one callback within ten minutes. Ads attempts also park the token here (encrypted)
 * until the user picks which advertisers to keep.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    stateHash: text('state_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: tiktokAccountKindEnum('kind').notNull(),
    codeVerifier: text('code_verifier'),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    pendingAccessToken: text('pending_access_token'),
    pendingAdvertisers: jsonb('pending_advertisers').$type<PendingAdvertiser[]>(),
    pendingExpiresAt: at('pending_expires_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('oauth_states_state_hash_idx').on(table.stateHash),
    index('oauth_states_expires_idx').on(table.expiresAt),
  ],
);

export type OAuthState = typeof oauthStates.$inferSelect;
