import 'server-only';
import { mediaUploadParts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { assertUploadOpen, getUploadOrThrow } from './get-upload-or-throw';
import { partLength } from './plan-upload-parts';

export type RecordUploadPartOptions = {
  uploadId: string;
  userId: string;
  partNumber: number;
  etag: string;
  now?: Date;
};

/**
 * Notes a part the bucket acknowledged (its ETag), so a resumed upload skips it. Completion
 * hands the ETags to S3, which refuses any that do not match what it stored.
 */
export async function recordUploadPart(db: Db, storage: ObjectStorage, options: RecordUploadPartOptions) {
  const now = options.now ?? clockNow();
  const record = await getUploadOrThrow(db, options);
  assertUploadOpen(record, now);
  const { media, upload } = record;
  const { partNumber, etag } = options;
  if (partNumber > upload.partCount) {
    throw new AppError({ code: 'unprocessable_entity', message: `This upload has no part ${partNumber}.` });
  }
  if (!storage.presignsUploads) {
    // Our part route recorded it already: only confirm the client and the server agree.
    const stored = record.parts.find((part) => part.partNumber === partNumber);
    if (stored?.etag !== etag)
      throw new AppError({ code: 'conflict', message: `Part ${partNumber} did not arrive.` });
    return { partNumber, etag };
  }
  const size = partLength({ partSize: upload.partSize, partCount: upload.partCount }, media.size, partNumber);
  await db
    .insert(mediaUploadParts)
    .values({ mediaId: media.id, partNumber, etag, size })
    .onConflictDoUpdate({
      target: [mediaUploadParts.mediaId, mediaUploadParts.partNumber],
      set: { etag, createdAt: now },
    });
  return { partNumber, etag };
}
