import { randomBytes, randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { SandboxContext } from '../core/context';
import type { LoginKitSession } from '../login-kit/resolve-login-kit-token';
import { MAX_PHOTO_BYTES, MAX_VIDEO_BYTES } from './media-check';
import { publishMachine } from './publish-machine';
import { type PublishRecord, publishStore } from './publish-store';
import { pullMedia } from './pull-media';
import type { VideoSource } from './source-info';
import { tempMediaPath } from './temp-files';

const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;
const downloads = new WeakMap<SandboxContext, Map<string, AbortController>>();

type StartPublishOptions = {
  ctx: SandboxContext;
  session: LoginKitSession;
  media: 'video' | 'photo';
  mode: 'direct' | 'inbox';
  source: VideoSource | { source: 'PULL_FROM_URL'; urls: string[] };
  privacyLevel: string | null;
  title: string;
};

/** Creates a publish task and starts the transfer (an upload URL, or the sandbox pulling the URL). */
export function startPublish(options: StartPublishOptions): { publish_id: string; upload_url?: string } {
  const { ctx, session, source } = options;
  const publishId = newPublishId(options.media, options.mode, source.source);
  const now = ctx.clock.nowMs();
  const urls = 'urls' in source ? source.urls : source.source === 'PULL_FROM_URL' ? [source.url] : [];
  const record: PublishRecord = {
    publishId,
    appId: session.appId,
    userId: session.user.id,
    media: options.media,
    mode: options.mode,
    source: source.source,
    privacyLevel: options.privacyLevel,
    title: options.title,
    status: source.source === 'FILE_UPLOAD' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD',
    failReason: null,
    createdAtMs: now,
    videoSize: source.source === 'FILE_UPLOAD' ? source.videoSize : 0,
    chunkSize: source.source === 'FILE_UPLOAD' ? source.chunkSize : 0,
    totalChunkCount: source.source === 'FILE_UPLOAD' ? source.totalChunkCount : 0,
    uploadedBytes: 0,
    downloadedBytes: 0,
    uploadToken: source.source === 'FILE_UPLOAD' ? randomBytes(16).toString('hex') : null,
    uploadExpiresAtMs: now + UPLOAD_URL_TTL_MS,
    urls,
    filePath: null,
    pending: null,
    dueAtMs: null,
    moderationDueAtMs: null,
    postIds: [],
    publiclyAvailable: false,
    stalled: false,
  };
  publishStore(ctx).records.set(publishId, record);
  ctx.markDirty();
  if (source.source === 'FILE_UPLOAD') {
    record.filePath = tempMediaPath(publishId);
    writeFileSync(record.filePath, '');
    const query = new URLSearchParams({ upload_id: publishId, upload_token: record.uploadToken ?? '' });
    return { publish_id: publishId, upload_url: `${ctx.config.publicUrl}/upload/?${query.toString()}` };
  }
  void download(ctx, record);
  return { publish_id: publishId };
}

async function download(ctx: SandboxContext, record: PublishRecord) {
  const controller = new AbortController();
  const active = downloads.get(ctx) ?? new Map<string, AbortController>();
  downloads.set(ctx, active);
  active.set(record.publishId, controller);
  const files = record.urls.map((_, index) => tempMediaPath(record.publishId, index));
  try {
    for (const [index, url] of record.urls.entries()) {
      await pullMedia({
        url,
        path: files[index] ?? tempMediaPath(record.publishId, index),
        maxBytes: record.media === 'video' ? MAX_VIDEO_BYTES : MAX_PHOTO_BYTES * 2,
        signal: controller.signal,
        inRanges: ctx.config.apps.find((app) => app.id === record.appId)?.pullInRanges,
        onBytes: (count) => {
          record.downloadedBytes += count;
        },
      });
    }
    if (record.status === 'PROCESSING_DOWNLOAD') await publishMachine(ctx).bytesReceived(record, files);
  } catch {
    if (record.status === 'PROCESSING_DOWNLOAD') {
      publishMachine(ctx).fail(record, record.media === 'video' ? 'video_pull_failed' : 'photo_pull_failed');
    }
  } finally {
    active.delete(record.publishId);
  }
}

/** Best-effort abort of a running PULL_FROM_URL download. */
export function abortDownload(ctx: SandboxContext, publishId: string) {
  downloads.get(ctx)?.get(publishId)?.abort();
}

function newPublishId(media: 'video' | 'photo', mode: 'direct' | 'inbox', source: string): string {
  const digits = `${randomInt(10 ** 9)}${randomInt(10 ** 9)}`;
  const kind = media === 'video' ? 'v' : 'p';
  const where = mode === 'direct' ? 'pub' : 'inbox';
  const how = source === 'FILE_UPLOAD' ? 'file' : 'url';
  // TikTok's Direct Post file ids carry an extra "-1" after v2; the others do not.
  const version = kind === 'v' && where === 'pub' && how === 'file' ? 'v2-1' : 'v2';
  return `${kind}_${where}_${how}~${version}.${digits}`;
}
