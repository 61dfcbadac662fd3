import 'server-only';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { type PartTarget, UPLOAD_ROUTES } from '@/lib/uploads/upload-protocol';
import { assertUploadOpen, getUploadOrThrow } from './get-upload-or-throw';
import { partLength } from './plan-upload-parts';

/** Presigned part URLs live an hour at most: long enough for a slow part, short if one leaks. */
const PART_URL_TTL_SECONDS = 60 * 60;

export type PresignUploadPartsOptions = {
  uploadId: string;
  userId: string;
  partNumbers: number[];
  now?: Date;
};

/**
 * Where the browser PUTs each part: a presigned bucket URL that only accepts that part's exact
 * size (S3), or our streaming part route (local folder). Same answer shape either way.
 */
export async function presignUploadParts(
  db: Db,
  storage: ObjectStorage,
  options: PresignUploadPartsOptions,
): Promise<PartTarget[]> {
  const now = options.now ?? clockNow();
  const record = await getUploadOrThrow(db, options);
  assertUploadOpen(record, now);
  const { media, upload } = record;
  const plan = { partSize: upload.partSize, partCount: upload.partCount };
  const unknown = options.partNumbers.filter((partNumber) => partNumber > upload.partCount);
  if (unknown.length > 0) {
    throw new AppError({
      code: 'unprocessable_entity',
      message: `This upload has ${upload.partCount} part${upload.partCount === 1 ? '' : 's'}; there is no part ${unknown[0]}.`,
    });
  }
  const ttl = Math.max(
    1,
    Math.min(PART_URL_TTL_SECONDS, Math.floor((upload.expiresAt.getTime() - now.getTime()) / 1000)),
  );
  return Promise.all(
    [...new Set(options.partNumbers)].map(async (partNumber): Promise<PartTarget> => {
      const contentLength = partLength(plan, media.size, partNumber);
      if (!storage.presignsUploads) {
        return {
          partNumber,
          method: 'PUT',
          url: UPLOAD_ROUTES.part(media.id, partNumber),
          headers: { 'content-type': 'application/octet-stream' },
          expiresAt: upload.expiresAt.toISOString(),
        };
      }
      const presigned =
        upload.strategy === 'single'
          ? await storage.presignPut(media.key, {
              contentType: media.contentType,
              contentLength,
              expiresInSeconds: ttl,
            })
          : await storage.presignUploadPart({
              key: media.key,
              uploadId: upload.storageUploadId!,
              partNumber,
              contentLength,
              expiresInSeconds: ttl,
            });
      return { partNumber, ...presigned, expiresAt: presigned.expiresAt.toISOString() };
    }),
  );
}
