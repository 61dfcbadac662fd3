import { createHash } from 'node:crypto';

/** A stable number in [0, 1) for a key: the same query always yields the same synthetic data. */
export function seededUnit(...parts: (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/** A stable integer in [min, max]. */
export function seededInt(min: number, max: number, ...parts: (string | number)[]): number {
  return min + Math.floor(seededUnit(...parts) * (max - min + 1));
}

export const DAY_MS = 86_400_000;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses a strict `YYYY-MM-DD` to UTC midnight ms, or null. */
export function parseIsoDate(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || isoDate(ms) !== value ? null : ms;
}
