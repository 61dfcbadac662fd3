import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { mediaObjects, mediaUploads } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/log/log-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { type BrowserUploadPurpose, checkMediaFile, MEDIA_PURPOSES } from '@/lib/uploads/media-purposes';
import type { UploadSession } from '@/lib/uploads/upload-protocol';
import { toUploadSession } from './get-upload-or-throw';
import { mediaKey } from './media-key';
import { planUploadParts } from './plan-upload-parts';

/** How long a started upload can be resumed (after a reload, a night's sleep…). */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Unfinished uploads one member may hold at once. */
const MAX_OPEN_UPLOADS_PER_USER = 20;

export type CreateUploadOptions = {
  workspaceId: string;
  userId: string;
  purpose: BrowserUploadPurpose;
  fileName: string;
  contentType: string;
  size: number;
  now?: Date;
};

/**
 * Starts a browser upload: checks the member's role for the purpose and the file against the
 * purpose's limits (413 / 422 before a byte is sent), plans the parts and opens the upload in
 * the store. The media row stays `uploading` until `completeUpload` has checked the result.
 */
export async function createUpload(
  db: Db,
  storage: ObjectStorage,
  options: CreateUploadOptions,
): Promise<UploadSession> {
  const { workspaceId, userId, purpose, contentType, size } = options;
  const now = options.now ?? clockNow();
  await requireMembership(db, { workspaceId, userId, roles: MEDIA_PURPOSES[purpose].uploaderRoles });
  const problem = checkMediaFile(purpose, { size, contentType });
  if (problem) {
    throw new AppError({
      code: problem.code === 'payload_too_large' ? 'payload_too_large' : 'unprocessable_entity',
      message: problem.message,
      fieldErrors: { [problem.code === 'unsupported_type' ? 'contentType' : 'size']: [problem.message] },
    });
  }
  const [open] = await db
    .select({ value: count() })
    .from(mediaObjects)
    .where(and(eq(mediaObjects.createdBy, userId), eq(mediaObjects.status, 'uploading')));
  if ((open?.value ?? 0) >= MAX_OPEN_UPLOADS_PER_USER) {
    throw new AppError({
      code: 'conflict',
      message: `You have ${MAX_OPEN_UPLOADS_PER_USER} unfinished uploads. Finish or cancel some first.`,
    });
  }

  const mediaId = randomUUID();
  const key = mediaKey({ workspaceId, purpose, mediaId, contentType });
  const plan = planUploadParts(size);
  // One-part files go to a bucket as one presigned PUT; everything else is multipart (resumable).
  const strategy = storage.presignsUploads && plan.partCount === 1 ? 'single' : 'multipart';
  const storageUploadId =
    strategy === 'multipart'
      ? await storage.createMultipartUpload(key, { contentType, metadata: { 'media-id': mediaId, purpose } })
      : null;

  try {
    const { media, upload } = await db.transaction(async (tx) => {
      const [media] = await tx
        .insert(mediaObjects)
        .values({
          id: mediaId,
          workspaceId,
          key,
          purpose,
          fileName: options.fileName,
          contentType,
          size,
          createdBy: userId,
        })
        .returning();
      const [upload] = await tx
        .insert(mediaUploads)
        .values({
          mediaId,
          strategy,
          storageUploadId,
          partSize: plan.partSize,
          partCount: plan.partCount,
          expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS),
        })
        .returning();
      return { media: media!, upload: upload! };
    });
    return toUploadSession({ media, upload, parts: [] }, storage);
  } catch (error) {
    if (storageUploadId) {
      await storage.abortMultipartUpload({ key, uploadId: storageUploadId }).catch((abortError: unknown) => {
        logError('createUpload: abort after a failed insert', abortError);
      });
    }
    throw error;
  }
}
