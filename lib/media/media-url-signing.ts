import 'server-only';
import { env } from '@/lib/env';
import { deriveSigningKey } from '@/lib/storage/signed-url';

let cached: { secret: string; key: Buffer } | undefined;

/**
 * The key of signed media URLs, derived from AUTH_SECRET (HKDF, its own purpose label): no extra
 * variable to manage, and rotating AUTH_SECRET (which signs sessions out anyway) ends old links.
 */
export function mediaUrlSigningKey(): Buffer {
  if (cached?.secret !== env.AUTH_SECRET) {
    cached = { secret: env.AUTH_SECRET, key: deriveSigningKey(env.AUTH_SECRET, 'media-url-v1') };
  }
  return cached.key;
}

/** Signed links live 1 hour by default and 6 hours at most. */
export const SIGNED_MEDIA_URL_TTL = {
  defaultSeconds: 60 * 60,
  minSeconds: 60,
  maxSeconds: 6 * 60 * 60,
} as const;
