import 'server-only';
import { and, eq, exists } from 'drizzle-orm';
import { type MediaObject, mediaObjects, memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

export type GetMediaOptions =
  /** As a signed-in person: any member of the owning workspace. */
  | { mediaId: string; userId: string }
  /** As server code already acting for a workspace (a job, a use case that checked the member). */
  | { mediaId: string; workspaceId: string };

/**
 * A ready media object, or the same 404 for a missing id, another workspace's object and one
 * still uploading: no answer reveals that an id exists elsewhere.
 */
export async function getMediaOrThrow(db: Db, options: GetMediaOptions): Promise<MediaObject> {
  const scope =
    'userId' in options
      ? exists(
          db
            .select({ one: memberships.userId })
            .from(memberships)
            .where(
              and(
                eq(memberships.workspaceId, mediaObjects.workspaceId),
                eq(memberships.userId, options.userId),
              ),
            ),
        )
      : eq(mediaObjects.workspaceId, options.workspaceId);
  const [media] = await db
    .select()
    .from(mediaObjects)
    .where(and(eq(mediaObjects.id, options.mediaId), eq(mediaObjects.status, 'ready'), scope))
    .limit(1);
  if (!media) throw new AppError({ code: 'not_found', message: 'This file does not exist.' });
  return media;
}
