import 'server-only';
import type { Readable } from 'node:stream';
import { mediaUploadParts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { MultipartUploadError, ObjectSizeError, type ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { assertUploadOpen, getUploadOrThrow } from './get-upload-or-throw';
import { partLength } from './plan-upload-parts';

export type UploadPartOptions = {
  uploadId: string;
  userId: string;
  partNumber: number;
  body: ReadableStream<Uint8Array> | Readable;
  /** The request's Content-Length, when it sent one: a wrong size is refused before reading. */
  declaredLength: number | null;
  signal?: AbortSignal;
  now?: Date;
};

/**
 * Our streaming part route (local folder): the part goes to disk as it arrives, must be exactly
 * its planned size, and is recorded only once fully stored. A re-sent part replaces the old one.
 */
export async function uploadPart(db: Db, storage: ObjectStorage, options: UploadPartOptions) {
  const now = options.now ?? clockNow();
  const record = await getUploadOrThrow(db, options);
  assertUploadOpen(record, now);
  const { media, upload } = record;
  if (storage.presignsUploads) {
    throw new AppError({
      code: 'conflict',
      message: 'This upload goes straight to storage; ask for part URLs.',
    });
  }
  const { partNumber } = options;
  if (partNumber > upload.partCount) {
    throw new AppError({ code: 'unprocessable_entity', message: `This upload has no part ${partNumber}.` });
  }
  const expected = partLength(
    { partSize: upload.partSize, partCount: upload.partCount },
    media.size,
    partNumber,
  );
  if (options.declaredLength !== null && options.declaredLength !== expected)
    throw wrongSize(expected, options.declaredLength);

  let etag: string;
  try {
    ({ etag } = await storage.uploadPart({
      key: media.key,
      uploadId: upload.storageUploadId!,
      partNumber,
      body: options.body,
      contentLength: expected,
      signal: options.signal,
    }));
  } catch (error) {
    if (error instanceof ObjectSizeError) throw wrongSize(expected, null, error);
    if (error instanceof MultipartUploadError) {
      throw new AppError({
        code: 'conflict',
        message: 'This upload is no longer open. Start it again.',
        cause: error,
      });
    }
    throw error;
  }
  await db
    .insert(mediaUploadParts)
    .values({ mediaId: media.id, partNumber, etag, size: expected })
    .onConflictDoUpdate({
      target: [mediaUploadParts.mediaId, mediaUploadParts.partNumber],
      set: { etag, size: expected, createdAt: now },
    });
  return { partNumber, etag };
}

function wrongSize(expected: number, declared: number | null, cause?: ObjectSizeError) {
  const tooLarge = cause ? cause.reason === 'too_large' : declared !== null && declared > expected;
  return new AppError({
    code: tooLarge ? 'payload_too_large' : 'unprocessable_entity',
    message: `This part must be exactly ${expected} bytes.`,
    cause,
  });
}
