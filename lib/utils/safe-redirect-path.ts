const BASE = 'http://tokdesk.invalid';

/** Control characters (which browsers strip from URLs) and backslashes (which they read as `/`). */
function hasForbiddenCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return true;
  }
  return false;
}

/**
 * Only same-origin paths may be redirected to after sign-in; anything else falls back.
 *
 * Browsers strip tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` becomes
 * `//evil.example`, a link to another site. Rather than list tricks, the value is refused if it (or
 * any percent-decoding of it) holds a control character or a backslash, and what survives is
 * resolved the way a browser would: only a result on our own origin, not starting with `//`, is kept.
 */
export function safeRedirectPath(value: unknown, fallback = '/accounts'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  let decoded = value;
  for (let round = 0; round < 3; round++) {
    if (hasForbiddenCharacter(decoded) || !decoded.startsWith('/') || decoded.startsWith('//'))
      return fallback;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? fallback : path;
}
