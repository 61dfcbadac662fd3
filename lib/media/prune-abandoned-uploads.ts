import 'server-only';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { mediaObjects, mediaUploads } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { discardUpload } from './abort-upload';

const BATCH = 200;
const STRANDED_AFTER_MS = 24 * 60 * 60 * 1000;
/** Failed uploads keep their row (and reason) this long for the person who tried. */
const FAILED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Housekeeping: uploads past their expiry lose their parts, bytes and row; failed uploads are
 * forgotten after a week. Idempotent; each upload is handled on its own so one error stops nothing.
 */
export async function pruneAbandonedUploads(db: Db, storage: ObjectStorage, { now = clockNow() } = {}) {
  const expired = await db
    .select({
      mediaId: mediaObjects.id,
      key: mediaObjects.key,
      storageUploadId: mediaUploads.storageUploadId,
    })
    .from(mediaUploads)
    .innerJoin(mediaObjects, eq(mediaObjects.id, mediaUploads.mediaId))
    .where(and(lt(mediaUploads.expiresAt, now), eq(mediaObjects.status, 'uploading')))
    .limit(BATCH);
  // Server-side writes (storeMedia) that died mid-write: `uploading` with no upload row, a day old.
  const stranded = await db
    .select({
      mediaId: mediaObjects.id,
      key: mediaObjects.key,
      storageUploadId: mediaUploads.storageUploadId,
    })
    .from(mediaObjects)
    .leftJoin(mediaUploads, eq(mediaUploads.mediaId, mediaObjects.id))
    .where(
      and(
        eq(mediaObjects.status, 'uploading'),
        isNull(mediaUploads.mediaId),
        lt(mediaObjects.updatedAt, new Date(now.getTime() - STRANDED_AFTER_MS)),
      ),
    )
    .limit(BATCH);
  let discarded = 0;
  for (const target of [...expired, ...stranded]) {
    try {
      await discardUpload(db, storage, target);
      discarded++;
    } catch (error) {
      logError(`pruneAbandonedUploads: ${target.mediaId}`, error);
    }
  }
  const failed = await db
    .delete(mediaObjects)
    .where(
      and(
        eq(mediaObjects.status, 'failed'),
        lt(mediaObjects.updatedAt, new Date(now.getTime() - FAILED_RETENTION_MS)),
      ),
    )
    .returning({ id: mediaObjects.id });
  return { discarded, forgottenFailures: failed.length };
}
