import { z } from 'zod';

/**
 * The IANA time zones this runtime knows (ICU's canonical names), plus UTC. Client-safe: the
 * server validates with it and forms list it.
 */
export function listTimeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
}

/**
 * The canonical name of an IANA zone (`Asia/Kolkata` → the runtime's own spelling), or null for
 * anything else: offsets like `+05:00`, abbreviations, typos.
 */
export function canonicalTimeZone(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed !== 'UTC' && !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/.test(trimmed)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    return resolved === 'UTC' || listTimeZones().includes(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (!zone) ctx.addIssue({ code: 'custom', message: 'Choose a time zone from the list.' });
    return zone ?? value;
  });
