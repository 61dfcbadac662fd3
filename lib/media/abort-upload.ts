import 'server-only';
import { eq } from 'drizzle-orm';
import { mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { getUploadOrThrow } from './get-upload-or-throw';

/**
 * Cancels an unfinished upload: its parts and any stored bytes are removed, then its row. A
 * finished upload is media now (delete that instead); cancelling twice is fine.
 */
export async function abortUpload(
  db: Db,
  storage: ObjectStorage,
  options: { uploadId: string; userId: string },
) {
  const record = await getUploadOrThrow(db, options);
  const { media, upload } = record;
  if (media.status === 'ready') {
    throw new AppError({ code: 'conflict', message: 'This upload has finished; delete the file instead.' });
  }
  await discardUpload(db, storage, {
    mediaId: media.id,
    key: media.key,
    storageUploadId: upload?.storageUploadId ?? null,
  });
}

/** Store first, row last: a crash in between leaves a row the pruning job finds again. */
export async function discardUpload(
  db: Db,
  storage: ObjectStorage,
  target: { mediaId: string; key: string; storageUploadId: string | null },
) {
  if (target.storageUploadId) {
    await storage.abortMultipartUpload({ key: target.key, uploadId: target.storageUploadId });
  }
  await storage.delete(target.key);
  await db.delete(mediaObjects).where(eq(mediaObjects.id, target.mediaId));
}
