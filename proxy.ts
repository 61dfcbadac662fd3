import { type NextRequest, NextResponse } from 'next/server';

const PUBLIC_PREFIXES = ['/sign-in', '/sign-up', '/invite/', '/api/', '/_next/', '/favicon'];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Optimistic redirects only: a visitor without a session cookie is sent to sign in. Whether the
 * session is valid, and what it may see, is decided by each page and route at the data boundary.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// API routes authorize themselves and the proxy only waved them through; skipping it spares every
// webhook delivery (TikTok retries anything slow) a pass through the proxy. Icons, robots.txt and the
// web manifest are public files that browsers and crawlers fetch without a session.
export const config = {
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|manifest.webmanifest|.*\\.(?:svg|png|jpg|ico)$).*)',
  ],
};
