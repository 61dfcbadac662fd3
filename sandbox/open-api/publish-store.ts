import type { SandboxContext } from '../core/context';

export type PublishStatus =
  | 'PROCESSING_UPLOAD'
  | 'PROCESSING_DOWNLOAD'
  | 'SEND_TO_USER_INBOX'
  | 'PUBLISH_COMPLETE'
  | 'FAILED';

export type PublishRecord = {
  publishId: string;
  appId: string;
  userId: string;
  media: 'video' | 'photo';
  /** `direct` = Direct Post; `inbox` = upload to the user's drafts. */
  mode: 'direct' | 'inbox';
  source: 'FILE_UPLOAD' | 'PULL_FROM_URL';
  privacyLevel: string | null;
  title: string;
  status: PublishStatus;
  failReason: string | null;
  createdAtMs: number;
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  uploadedBytes: number;
  downloadedBytes: number;
  uploadToken: string | null;
  uploadExpiresAtMs: number;
  urls: string[];
  /** Where the bytes are while they are checked; deleted afterwards. */
  filePath: string | null;
  /** Outcome decided once the bytes are in, applied at `dueAtMs` (sandbox clock). */
  pending: { failReason: string | null; durationSeconds: number | null } | null;
  dueAtMs: number | null;
  /** When moderation makes a public post visible (sandbox clock). */
  moderationDueAtMs: number | null;
  postIds: string[];
  publiclyAvailable: boolean;
  /** Stuck in processing until the control API decides (TikTok gives no upper bound). */
  stalled: boolean;
};

/** Every documented `fail_reason`, plus one integrators see that the docs do not list. */
export const FAIL_REASONS = [
  'file_format_check_failed',
  'duration_check_failed',
  'frame_rate_check_failed',
  'picture_size_check_failed',
  'internal',
  'video_pull_failed',
  'photo_pull_failed',
  'publish_cancelled',
  'auth_removed',
  'spam_risk_too_many_posts',
  'spam_risk_user_banned_from_posting',
  'spam_risk_text',
  'spam_risk',
  'video_bitrate_check_failed',
] as const;

/** What the next post of a user does once its bytes are in: fail (or succeed, null), or stall. */
export type ArmedOutcome = { failReason: string | null } | { stall: true };

/** Per-user posting switches the control API can flip (TikTok-side account state). */
export type PostingFlags = {
  bannedFromPosting: boolean;
  /** The user's TikTok app is too old for photo MEDIA_UPLOAD (`app_version_check_failed`). */
  outdatedApp: boolean;
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  maxVideoPostDurationSec: number;
  dailyPostCap: number;
  /** Un-posted inbox drafts allowed per 24 h (`spam_risk_too_many_pending_share` beyond). */
  maxPendingShares: number;
  /** Replaces the options that follow from the account's privacy; null = those. */
  privacyLevelOptions: string[] | null;
};

export const DEFAULT_FLAGS: PostingFlags = {
  bannedFromPosting: false,
  outdatedApp: false,
  commentDisabled: false,
  duetDisabled: false,
  stitchDisabled: false,
  maxVideoPostDurationSec: 600,
  // Integrators quote "about 15 posts per day per creator, shared by all API clients".
  dailyPostCap: 15,
  maxPendingShares: 5,
  privacyLevelOptions: null,
};

const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'];

/** Why a flags patch from the control API cannot be applied, or null. */
export function postingFlagsProblem(patch: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in DEFAULT_FLAGS)) return `unknown flag ${key}`;
    const fallback = DEFAULT_FLAGS[key as keyof PostingFlags];
    if (key === 'privacyLevelOptions') {
      const ok =
        value === null ||
        (Array.isArray(value) && value.length > 0 && value.every((v) => PRIVACY_LEVELS.includes(v)));
      if (!ok) return `privacyLevelOptions must be null or a list of ${PRIVACY_LEVELS.join(', ')}`;
    } else if (typeof value !== typeof fallback || (typeof value === 'number' && !(value >= 0))) {
      return `${key} must be a ${typeof fallback === 'number' ? 'non-negative number' : typeof fallback}`;
    }
  }
  return null;
}

/** Publish tasks and posting flags of one running sandbox. */
export class PublishStore {
  records = new Map<string, PublishRecord>();
  flags = new Map<string, Partial<PostingFlags>>();
  /** Outcomes armed by the control API for the next posts of a user. */
  armed = new Map<string, ArmedOutcome[]>();

  flagsFor(userId: string): PostingFlags {
    return { ...DEFAULT_FLAGS, ...this.flags.get(userId) };
  }

  byUpload(uploadId: string) {
    return this.records.get(uploadId);
  }

  list() {
    return [...this.records.values()].sort((a, b) => b.createdAtMs - a.createdAtMs);
  }

  clear() {
    this.records.clear();
    this.flags.clear();
    this.armed.clear();
  }

  snapshot() {
    return {
      records: [...this.records.values()],
      flags: Object.fromEntries(this.flags),
      armed: Object.fromEntries(this.armed),
    };
  }

  restore(data: ReturnType<PublishStore['snapshot']>) {
    this.records = new Map(data.records.map((r) => [r.publishId, { ...r, stalled: r.stalled ?? false }]));
    this.flags = new Map(Object.entries(data.flags));
    // Older snapshots armed bare fail reasons (null = success).
    const outcome = (item: ArmedOutcome | string | null): ArmedOutcome =>
      item !== null && typeof item === 'object' ? item : { failReason: item };
    this.armed = new Map(Object.entries(data.armed).map(([user, queue]) => [user, queue.map(outcome)]));
  }
}

const stores = new WeakMap<SandboxContext, PublishStore>();

export function publishStore(ctx: SandboxContext): PublishStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new PublishStore();
    stores.set(ctx, store);
  }
  return store;
}
