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
};

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
};

/** Publish tasks and posting flags of one running sandbox. */
export class PublishStore {
  records = new Map<string, PublishRecord>();
  flags = new Map<string, Partial<PostingFlags>>();
  /** Outcomes armed by the control API for the next posts of a user (fail reasons or null = success). */
  armed = new Map<string, (string | null)[]>();

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
    this.records = new Map(data.records.map((r) => [r.publishId, r]));
    this.flags = new Map(Object.entries(data.flags));
    this.armed = new Map(Object.entries(data.armed));
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
