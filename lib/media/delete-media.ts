import 'server-only';
import { eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { getMediaOrThrow } from './get-media-or-throw';

/** Deletes a ready file: owners and admins any in their workspace, others only their own. */
export async function deleteMedia(
  db: Db,
  storage: ObjectStorage,
  options: { mediaId: string; userId: string },
) {
  const media = await getMediaOrThrow(db, options);
  const membership = await requireMembership(db, { workspaceId: media.workspaceId, userId: options.userId });
  if (membership.role === 'agent' && media.createdBy !== options.userId) {
    throw new AppError({
      code: 'forbidden',
      message: 'Only owners, admins and the person who uploaded it can delete this file.',
    });
  }
  // Bytes first: a failure leaves a row pointing at nothing (404 to readers), never orphaned bytes.
  await storage.delete(media.key);
  await db.delete(mediaObjects).where(eq(mediaObjects.id, media.id));
}
