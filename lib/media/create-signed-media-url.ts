import 'server-only';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { signObjectClaims } from '@/lib/storage/signed-url';
import { nowMs } from '@/lib/time/clock';
import { getMediaOrThrow } from './get-media-or-throw';
import { mediaUrlSigningKey, SIGNED_MEDIA_URL_TTL } from './media-url-signing';

export type CreateSignedMediaUrlOptions = {
  workspaceId: string;
  mediaId: string;
  expiresInSeconds?: number;
  disposition?: 'inline' | 'attachment';
  /** Defaults to APP_URL: TikTok must see our verified domain, never the bucket's. */
  baseUrl?: string;
  nowMs?: number;
};

/**
 * A URL that serves one ready media object without a session until it expires: for TikTok's
 * PULL_FROM_URL and for downloads. It is bound to the object's id and storage key, its expiry
 * and its disposition; changing any of them breaks the signature.
 */
export async function createSignedMediaUrl(db: Db, options: CreateSignedMediaUrlOptions) {
  const media = await getMediaOrThrow(db, { mediaId: options.mediaId, workspaceId: options.workspaceId });
  const ttl = Math.min(
    SIGNED_MEDIA_URL_TTL.maxSeconds,
    Math.max(
      SIGNED_MEDIA_URL_TTL.minSeconds,
      Math.round(options.expiresInSeconds ?? SIGNED_MEDIA_URL_TTL.defaultSeconds),
    ),
  );
  const expiresAt = Math.floor((options.nowMs ?? nowMs()) / 1000) + ttl;
  const disposition = options.disposition ?? 'inline';
  const signature = signObjectClaims(
    { id: media.id, key: media.key, expiresAt, disposition },
    mediaUrlSigningKey(),
  );
  const url = new URL(`/api/media/${encodeURIComponent(media.id)}/signed`, options.baseUrl ?? env.APP_URL);
  url.search = new URLSearchParams({ expires: String(expiresAt), disposition, signature }).toString();
  return { url: url.toString(), expiresAt: new Date(expiresAt * 1000) };
}
