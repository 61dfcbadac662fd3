import 'server-only';
import type { Redis } from '@upstash/redis';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import type { PostTarget } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { RetryJobLaterError } from '@/lib/jobs/job-errors';
import { getMediaOrThrow } from '@/lib/media/get-media-or-throw';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { fetchPublishStatus } from '@/lib/tiktok/content-posting/fetch-publish-status';
import {
  UploadChunkError,
  uploadVideoChunk,
  type VideoContentType,
} from '@/lib/tiktok/content-posting/upload-video-chunk';
import { now, nowMs } from '@/lib/time/clock';
import { failTarget } from './fail-target';
import type { TargetWithPost } from './load-target';
import { type ChunkPlan, chunkIndexAt, chunkRange } from './plan-chunks';
import { updateTarget } from './update-target';

export type UploadDeps = {
  db: Db;
  storage: ObjectStorage;
  redis?: Redis;
  signal?: AbortSignal;
  /** Stop starting chunks after this long (ms); the job snoozes and carries on in the next run. */
  sliceMs?: number;
};

export type UploadOutcome =
  | { kind: 'complete'; target: PostTarget }
  /** The slice is over; call again (the job snoozes 0 ms). */
  | { kind: 'continue'; target: PostTarget }
  /** The upload_url is dead (expired, unknown): init again, which is safe for an unfinished upload. */
  | { kind: 'reinit'; target: PostTarget }
  | { kind: 'failed' };

const MAX_RESYNCS = 3;

/**
 * Streams the remaining chunks from storage to TikTok's `upload_url`, in order, each a ranged read
 * piped straight to the PUT (memory holds stream buffers, never a chunk). `uploaded_bytes` is
 * persisted after every acknowledged chunk, so a crash or 5xx resumes from the last acknowledged
 * byte. 416 means TikTok holds a different amount than we think: resynchronise from its
 * Content-Range (or status/fetch's `uploaded_bytes`) and carry on from there.
 */
export async function uploadTargetChunks(
  deps: UploadDeps,
  { target, post }: TargetWithPost,
): Promise<UploadOutcome> {
  const { db, storage, signal } = deps;
  if (!target.uploadUrl || !target.videoSize || !target.chunkSize || !target.totalChunkCount) {
    return { kind: 'reinit', target };
  }
  if (target.uploadUrlExpiresAt && target.uploadUrlExpiresAt.getTime() <= nowMs())
    return { kind: 'reinit', target };
  const media = await getMediaOrThrow(db, {
    mediaId: post.mediaIds[0]!,
    workspaceId: post.workspaceId,
  }).catch(() => null);
  if (!media) {
    await failTarget(db, target, 'media_not_ready');
    return { kind: 'failed' };
  }
  const plan: ChunkPlan = {
    videoSize: target.videoSize,
    chunkSize: target.chunkSize,
    totalChunkCount: target.totalChunkCount,
  };
  const started = Date.now();
  let current = target;
  let resyncs = 0;
  for (;;) {
    const index = chunkIndexAt(plan, current.uploadedBytes);
    if (index === null) {
      current = await updateTarget(db, current, {
        stage: 'processing',
        processingSince: now(),
        uploadUrl: null,
      });
      return { kind: 'complete', target: current };
    }
    const range = chunkRange(plan, index);
    const { body } = await storage.get(media.key, {
      range: { start: range.firstByte, end: range.lastByte },
      signal,
    });
    try {
      const result = await uploadVideoChunk({
        uploadUrl: current.uploadUrl!,
        body,
        firstByte: range.firstByte,
        lastByte: range.lastByte,
        totalBytes: plan.videoSize,
        contentType: media.contentType as VideoContentType,
        signal,
      });
      current = await updateTarget(db, current, {
        uploadedBytes: result.complete ? plan.videoSize : result.receivedBytes,
        ...(result.complete ? { stage: 'processing', processingSince: now(), uploadUrl: null } : {}),
      });
      if (result.complete) return { kind: 'complete', target: current };
      // At least one chunk per run, so a slice always makes progress.
      if (deps.sliceMs !== undefined && Date.now() - started >= deps.sliceMs)
        return { kind: 'continue', target: current };
    } catch (error) {
      body.destroy();
      if (!(error instanceof UploadChunkError)) throw error;
      if (error.code === 'upload_url_expired' || error.code === 'upload_not_found')
        return { kind: 'reinit', target: current };
      if (error.code === 'upload_range_mismatch') {
        if (++resyncs > MAX_RESYNCS)
          throw new RetryJobLaterError('upload keeps disagreeing about its progress', 5_000);
        const held = error.receivedBytes ?? (await uploadedAtTikTok(deps, current));
        current = await updateTarget(db, current, { uploadedBytes: held });
        continue;
      }
      if (error.code === 'upload_rejected') {
        await failTarget(db, current, 'upload_failed', 'TikTok refused a chunk of the video.');
        return { kind: 'failed' };
      }
      // 5xx, timeout, dropped connection: the job retries; the next run resumes at the last acknowledged byte.
      throw new RetryJobLaterError(`chunk ${index + 1}/${plan.totalChunkCount}: ${error.message}`, 2_000);
    }
  }
}

/** TikTok's own count of received bytes, when a 416 came without a Content-Range. */
async function uploadedAtTikTok(deps: UploadDeps, target: PostTarget): Promise<number> {
  const status = await withAccountToken(
    deps.db,
    { workspaceId: target.workspaceId, accountId: target.accountId, redis: deps.redis },
    (accessToken) => fetchPublishStatus({ accessToken, publishId: target.publishId!, signal: deps.signal }),
  );
  return status.uploadedBytes ?? 0;
}
