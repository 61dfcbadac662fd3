import 'server-only';
import { and, eq } from 'drizzle-orm';
import { mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { objectResponse } from '@/lib/storage/object-response';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { verifyObjectSignature } from '@/lib/storage/signed-url';
import { nowMs } from '@/lib/time/clock';
import { mediaUrlSigningKey } from './media-url-signing';

export type ServeSignedMediaOptions = {
  mediaId: string;
  expires: number;
  disposition: 'inline' | 'attachment';
  signature: string;
  request: Request;
  nowMs?: number;
};

const INVALID = 'This link is not valid.';

/**
 * Serves a signed media URL without a session. The bytes are streamed through us (from the
 * bucket on S3), never redirected: TikTok only pulls from our verified domain. A wrong, altered
 * or foreign signature reads the same whether or not the id exists.
 */
export async function serveSignedMedia(db: Db, storage: ObjectStorage, options: ServeSignedMediaOptions) {
  const [media] = await db
    .select()
    .from(mediaObjects)
    .where(and(eq(mediaObjects.id, options.mediaId), eq(mediaObjects.status, 'ready')))
    .limit(1);
  const claims = {
    id: options.mediaId,
    key: media?.key ?? '',
    expiresAt: options.expires,
    disposition: options.disposition,
  };
  if (!media || !verifyObjectSignature(claims, options.signature, mediaUrlSigningKey())) {
    throw new AppError({ code: 'forbidden', message: INVALID });
  }
  const secondsLeft = options.expires - Math.floor((options.nowMs ?? nowMs()) / 1000);
  if (secondsLeft <= 0) throw new AppError({ code: 'forbidden', message: 'This link has expired.' });
  return objectResponse({
    storage,
    request: options.request,
    object: { ...media, etag: media.etag ?? media.id },
    disposition: options.disposition,
    cacheControl: `private, max-age=${Math.min(secondsLeft, 3600)}`,
    crossOriginResourcePolicy: 'cross-origin',
  });
}
