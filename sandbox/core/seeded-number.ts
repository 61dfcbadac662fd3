/**
 * cyrb53: a fast, well-mixed 53-bit string hash. Synthetic stats are recomputed on every request
 * (thousands of video and ad rows per report), so SHA-256 per number would dominate the sandbox's
 * CPU; this is ~50× cheaper and just as deterministic across restarts and machines.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A stable number in [0, 1) for a key: the same query always yields the same synthetic data. */
export function seededUnit(...parts: (string | number)[]): number {
  return hash53(parts.join('|')) / 2 ** 53;
}

/**
 * Many stable numbers in [0, 1) from one key: hashes the key once, then mixes in the index
 * (murmur3's finalizer). For hot loops that need dozens of numbers per key, such as an ad's day.
 */
export function seededStream(...parts: (string | number)[]): (index: number) => number {
  const seed = hash53(parts.join('|')) % 4294967296;
  return (index) => {
    let h = (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
  };
}

/** A stable integer in [min, max]. */
export function seededInt(min: number, max: number, ...parts: (string | number)[]): number {
  return min + Math.floor(seededUnit(...parts) * (max - min + 1));
}

/** A stable 19-digit id starting with `lead` (TikTok's int64 ids), as a string: too big for a double. */
export function seededId(lead: string, ...parts: (string | number)[]): string {
  const a = String(hash53(['a', ...parts].join('|')) % 1e9).padStart(9, '0');
  const b = String(hash53(['b', ...parts].join('|')) % 1e9).padStart(9, '0');
  return `${lead}${a}${b}`.slice(0, 19).padEnd(19, '0');
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
