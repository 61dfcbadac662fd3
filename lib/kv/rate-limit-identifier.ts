import { createHash } from 'node:crypto';

/**
 * Turns what a limit is keyed by (e-mail, IP, user id) into an opaque key part, so Redis never holds
 * e-mails or IPs in clear and no glob character reaches the limiter's SCAN-based reset.
 */
export function rateLimitIdentifier(parts: string | readonly string[]): string {
  const list = typeof parts === 'string' ? [parts] : parts;
  const normalized = list.map((part) => part.trim().toLowerCase()).join('\u0000');
  return createHash('sha256').update(normalized).digest('hex').slice(0, 32);
}
