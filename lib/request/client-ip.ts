import { isIP } from 'node:net';
import { env } from '@/lib/env';

export type ClientIpTrust = {
  /** On Vercel the platform overwrites `X-Real-IP` with the address it saw: nothing else is needed. */
  onVercel: boolean;
  /** Proxies of ours in front of the app, each appending its peer's address to `X-Forwarded-For`. */
  trustedProxyHops: number;
};

/**
 * The caller's IP under an explicit trust model, or null when it cannot be known. Used for rate
 * limits and the audit log, never for authorization.
 *
 * `X-Forwarded-For` is a list any client can start with made-up entries; only what our own proxies
 * appended (the rightmost `trustedProxyHops` entries) is believed, and the client is the entry the
 * outermost of them wrote. With 0 hops (the default) the header is ignored altogether: a bare
 * `next start` cannot tell a forged header from the one it fills in itself.
 */
export function clientIpFrom(headers: Headers, trust: ClientIpTrust): string | null {
  if (trust.onVercel) return normalizeIp(headers.get('x-real-ip'));
  if (trust.trustedProxyHops === 0) return null;
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  // Fewer entries than hops: every entry was written by a trusted proxy, the leftmost is the client.
  return normalizeIp(entries[Math.max(0, entries.length - trust.trustedProxyHops)] ?? null);
}

/** `clientIpFrom` with the trust model configured for this installation (TRUSTED_PROXY_HOPS, Vercel). */
export function clientIp(headers: Headers): string | null {
  return clientIpFrom(headers, { onVercel: Boolean(env.VERCEL), trustedProxyHops: env.TRUSTED_PROXY_HOPS });
}

function normalizeIp(value: string | null): string | null {
  if (!value) return null;
  const ip = value.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(ip) ? ip.toLowerCase() : null;
}
