import 'server-only';
import type { Db } from '@/lib/db/types';
import { objectResponse } from '@/lib/storage/object-response';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { getMediaOrThrow } from './get-media-or-throw';

export type ServeMediaOptions = { mediaId: string; userId: string; request: Request; download?: boolean };

/** A stored file for a signed-in member of its workspace (404 for anyone else), Range-aware. */
export async function serveMedia(
  db: Db,
  storage: ObjectStorage,
  options: ServeMediaOptions,
): Promise<Response> {
  const media = await getMediaOrThrow(db, options);
  return objectResponse({
    storage,
    request: options.request,
    object: { ...media, etag: media.etag ?? media.id },
    disposition: options.download ? 'attachment' : 'inline',
    // Private: a shared cache must never hand a member's file to someone else. Objects never
    // change once ready, so the browser may keep them.
    cacheControl: 'private, max-age=86400',
    crossOriginResourcePolicy: 'same-origin',
  });
}
