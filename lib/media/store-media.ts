import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { type MediaObject, mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { ObjectSizeError, type ObjectStorage, type StorageBody } from '@/lib/storage/object-storage';
import { checkMediaFile, MEDIA_PURPOSES, type MediaPurpose } from '@/lib/uploads/media-purposes';
import { mediaKey } from './media-key';

export type StoreMediaOptions = {
  /** Already authorized by the caller (a job acting for this workspace's account). */
  workspaceId: string;
  purpose: MediaPurpose;
  fileName: string;
  contentType: string;
  body: StorageBody;
  createdBy?: string | null;
  signal?: AbortSignal;
};

/**
 * Stores bytes the server itself fetched (a customer's DM image from TikTok's download API) as
 * a ready media object, streamed with the purpose's size limit: an oversized or failed body
 * leaves neither bytes nor a row.
 */
export async function storeMedia(
  db: Db,
  storage: ObjectStorage,
  options: StoreMediaOptions,
): Promise<MediaObject> {
  const { workspaceId, purpose, contentType } = options;
  const rule = MEDIA_PURPOSES[purpose];
  const problem = checkMediaFile(purpose, { size: 1, contentType });
  if (problem) throw new AppError({ code: 'unprocessable_entity', message: problem.message });

  const id = randomUUID();
  const key = mediaKey({ workspaceId, purpose, mediaId: id, contentType });
  await db.insert(mediaObjects).values({
    id,
    workspaceId,
    key,
    purpose,
    fileName: options.fileName,
    contentType,
    size: 0,
    createdBy: options.createdBy ?? null,
  });
  try {
    const put = await storage.put(key, options.body, {
      contentType,
      maxBytes: rule.maxBytes,
      metadata: { 'media-id': id, purpose },
      signal: options.signal,
    });
    const [ready] = await db
      .update(mediaObjects)
      .set({ status: 'ready', size: put.size, etag: put.etag, checksumSha256: put.sha256 })
      .where(eq(mediaObjects.id, id))
      .returning();
    return ready!;
  } catch (error) {
    await storage.delete(key).catch(() => {});
    await db.delete(mediaObjects).where(eq(mediaObjects.id, id));
    if (error instanceof ObjectSizeError) {
      throw new AppError({
        code: 'payload_too_large',
        message: `This ${rule.label} is over the ${Math.round(rule.maxBytes / 1_000_000)} MB limit, so it was not kept.`,
        cause: error,
      });
    }
    throw error;
  }
}
