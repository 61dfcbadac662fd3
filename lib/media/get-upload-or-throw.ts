import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import {
  type MediaObject,
  type MediaUpload,
  mediaObjects,
  mediaUploadParts,
  mediaUploads,
} from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { MEDIA_PURPOSES } from '@/lib/uploads/media-purposes';
import type { UploadedMedia, UploadSession } from '@/lib/uploads/upload-protocol';
import { UPLOAD_ROUTES } from '@/lib/uploads/upload-protocol';

export type UploadRecord = {
  media: MediaObject;
  upload: MediaUpload | null;
  parts: { partNumber: number; etag: string; size: number }[];
};

const NOT_FOUND = 'This upload does not exist.';

/**
 * An upload belongs to the member who started it, while they may still upload that purpose in
 * its workspace. Anyone else (another member, another workspace, an unknown id) gets the same 404.
 */
export async function getUploadOrThrow(db: Db, { uploadId, userId }: { uploadId: string; userId: string }) {
  const [row] = await db
    .select({ media: mediaObjects, upload: mediaUploads })
    .from(mediaObjects)
    .leftJoin(mediaUploads, eq(mediaUploads.mediaId, mediaObjects.id))
    .where(and(eq(mediaObjects.id, uploadId), eq(mediaObjects.createdBy, userId)))
    .limit(1);
  if (!row) throw new AppError({ code: 'not_found', message: NOT_FOUND });
  const roles = MEDIA_PURPOSES[row.media.purpose].uploaderRoles;
  await requireMembership(db, { workspaceId: row.media.workspaceId, userId, roles }).catch(
    (error: unknown) => {
      throw error instanceof AppError && error.code === 'forbidden'
        ? error
        : new AppError({ code: 'not_found', message: NOT_FOUND, cause: error });
    },
  );
  const parts = row.upload
    ? await db
        .select({
          partNumber: mediaUploadParts.partNumber,
          etag: mediaUploadParts.etag,
          size: mediaUploadParts.size,
        })
        .from(mediaUploadParts)
        .where(eq(mediaUploadParts.mediaId, uploadId))
        .orderBy(asc(mediaUploadParts.partNumber))
    : [];
  return { media: row.media, upload: row.upload, parts } satisfies UploadRecord;
}

/** An upload that can still take parts: not finished, failed or expired. */
export function assertUploadOpen(
  record: UploadRecord,
  now: Date,
): asserts record is UploadRecord & { upload: MediaUpload } {
  if (record.media.status === 'ready') {
    throw new AppError({ code: 'conflict', message: 'This upload has already finished.' });
  }
  if (record.media.status === 'failed' || !record.upload) {
    throw new AppError({
      code: 'conflict',
      message: `This upload failed${record.media.failureReason ? `: ${record.media.failureReason}` : ''}. Start it again.`,
    });
  }
  if (record.upload.expiresAt.getTime() <= now.getTime()) {
    throw new AppError({ code: 'conflict', message: 'This upload has expired. Start it again.' });
  }
}

export function toUploadSession(
  record: UploadRecord,
  storage: Pick<ObjectStorage, 'presignsUploads'>,
): UploadSession {
  const { media, upload } = record;
  return {
    id: media.id,
    status: media.status,
    purpose: media.purpose,
    fileName: media.fileName,
    contentType: media.contentType,
    size: media.size,
    partSize: upload?.partSize ?? media.size,
    partCount: upload?.partCount ?? 1,
    parts: record.parts.map(({ partNumber, etag }) => ({ partNumber, etag })),
    transport: storage.presignsUploads ? 'bucket' : 'app',
    expiresAt: (upload?.expiresAt ?? media.updatedAt).toISOString(),
  };
}

export function toUploadedMedia(media: MediaObject): UploadedMedia {
  return {
    id: media.id,
    purpose: media.purpose,
    fileName: media.fileName,
    contentType: media.contentType,
    size: media.size,
    status: 'ready',
    url: UPLOAD_ROUTES.media(media.id),
    createdAt: media.createdAt.toISOString(),
  };
}
