/**
 * Whether a state-changing request was sent by one of our own pages. Browsers put `Origin` on every
 * POST, PUT, PATCH and DELETE, and modern ones `Sec-Fetch-Site` too; a request with neither comes
 * from a non-browser client (curl, a server), which carries no victim's cookies and is let through.
 * `Origin: null` (sandboxed frames, data: pages) is refused.
 */
export function isSameOriginRequest(headers: Headers, appOrigin: string): boolean {
  const origin = headers.get('origin');
  if (origin !== null) return origin === appOrigin;
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  return true;
}

/** The media type of a request body, lower-cased and without parameters (`; charset=utf-8`). */
export function mediaType(headers: Headers): string | null {
  const value = headers.get('content-type');
  if (!value) return null;
  return value.split(';')[0]?.trim().toLowerCase() || null;
}

/** True when the request says it carries a body (a length above zero, or chunked). */
export function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return headers.has('transfer-encoding');
}
