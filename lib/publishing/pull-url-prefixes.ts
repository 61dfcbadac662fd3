import 'server-only';
import { env } from '@/lib/env';

/** The PULL_FROM_URL prefixes verified in TikTok's portal (TIKTOK_VERIFIED_URL_PREFIXES). */
export function verifiedPullPrefixes(): string[] {
  return (env.TIKTOK_VERIFIED_URL_PREFIXES ?? '')
    .split(',')
    .map((prefix) => prefix.trim())
    .filter((prefix) => prefix.startsWith('https://') || prefix.startsWith('http://'));
}

/** True when TikTok may pull `url`: it starts with a verified prefix (TikTok's exact-prefix rule). */
export function isVerifiedPullUrl(url: string, prefixes = verifiedPullPrefixes()): boolean {
  return prefixes.some((prefix) => url.startsWith(prefix));
}
