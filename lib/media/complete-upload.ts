import 'server-only';
import { and, eq } from 'drizzle-orm';
import { type MediaObject, mediaObjects, mediaUploads } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/log/log-error';
import { MultipartUploadError, type ObjectInfo, type ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { MEDIA_PURPOSES } from '@/lib/uploads/media-purposes';
import type { UploadedMedia } from '@/lib/uploads/upload-protocol';
import {
  assertUploadOpen,
  getUploadOrThrow,
  toUploadedMedia,
  type UploadRecord,
} from './get-upload-or-throw';

export type CompleteUploadOptions = { uploadId: string; userId: string; now?: Date };

/**
 * Assembles the parts and checks the result before anyone can use it: every planned part
 * present, and the stored object exactly the announced size within the purpose's limit. A
 * mismatch deletes the object and fails the upload. Calling it again after success returns the
 * same media (a lost response must not fail a finished upload).
 */
export async function completeUpload(
  db: Db,
  storage: ObjectStorage,
  options: CompleteUploadOptions,
): Promise<UploadedMedia> {
  const now = options.now ?? clockNow();
  const record = await getUploadOrThrow(db, options);
  if (record.media.status === 'ready') return toUploadedMedia(record.media);
  assertUploadOpen(record, now);
  const { media, upload, parts } = record;

  const missing = [];
  for (let partNumber = 1; partNumber <= upload.partCount; partNumber++) {
    if (!parts.some((part) => part.partNumber === partNumber)) missing.push(partNumber);
  }
  if (missing.length > 0) {
    throw new AppError({
      code: 'conflict',
      message: `${missing.length} of ${upload.partCount} parts have not arrived yet (first missing: part ${missing[0]}).`,
    });
  }

  let info: ObjectInfo | null;
  try {
    info =
      upload.strategy === 'single'
        ? await storage.head(media.key)
        : await storage.completeMultipartUpload({ key: media.key, uploadId: upload.storageUploadId!, parts });
  } catch (error) {
    if (!(error instanceof MultipartUploadError)) throw error;
    // A concurrent completion may have won the race: its result stands.
    const [current] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, media.id)).limit(1);
    if (current?.status === 'ready') return toUploadedMedia(current);
    if (error.reason === 'no_such_upload') {
      await failUpload(db, storage, record, 'the storage no longer has its parts');
      throw new AppError({
        code: 'conflict',
        message: 'This upload can no longer be completed. Start it again.',
      });
    }
    throw new AppError({ code: 'conflict', message: 'Some parts did not arrive intact. Send them again.' });
  }
  if (!info)
    throw new AppError({ code: 'conflict', message: 'The file has not arrived yet. Send it again.' });

  const limit = MEDIA_PURPOSES[media.purpose].maxBytes;
  if (info.size !== media.size || info.size > limit) {
    await failUpload(db, storage, record, `it was ${info.size} bytes, not the announced ${media.size}`);
    throw new AppError({
      code: info.size > limit ? 'payload_too_large' : 'unprocessable_entity',
      message: 'The uploaded file is not the size that was announced, so it was not kept.',
    });
  }

  const ready = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(mediaObjects)
      .set({ status: 'ready', size: info.size, etag: info.etag, updatedAt: now })
      .where(and(eq(mediaObjects.id, media.id), eq(mediaObjects.status, 'uploading')))
      .returning();
    await tx.delete(mediaUploads).where(eq(mediaUploads.mediaId, media.id));
    return row;
  });
  if (ready) return toUploadedMedia(ready);
  const [current] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, media.id)).limit(1);
  if (current?.status === 'ready') return toUploadedMedia(current as MediaObject);
  throw new AppError({ code: 'conflict', message: 'This upload was cancelled.' });
}

/** Removes whatever the store holds for the upload and keeps only the row, failed with a reason. */
async function failUpload(db: Db, storage: ObjectStorage, record: UploadRecord, reason: string) {
  const { media, upload } = record;
  await storage.delete(media.key).catch((error: unknown) => logError('completeUpload: delete', error));
  if (upload?.storageUploadId) {
    await storage
      .abortMultipartUpload({ key: media.key, uploadId: upload.storageUploadId })
      .catch((error: unknown) => logError('completeUpload: abort', error));
  }
  await db.transaction(async (tx) => {
    await tx
      .update(mediaObjects)
      .set({ status: 'failed', failureReason: reason })
      .where(eq(mediaObjects.id, media.id));
    await tx.delete(mediaUploads).where(eq(mediaUploads.mediaId, media.id));
  });
}
