import { type NextRequest, NextResponse } from 'next/server';
import { env } from './lib/env';
import { pageContentSecurityPolicy } from './lib/http/security-headers';
import { bucketOrigins } from './lib/storage/bucket-origins';

const PUBLIC_PREFIXES = [
  '/sign-in',
  '/sign-up',
  '/check-email',
  '/verify-email',
  '/forgot-password',
  '/reset-password',
  '/invite/',
  '/dev/',
  '/api/',
  '/_next/',
  '/favicon',
];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

const origin = (url: string) => new URL(url).origin;

/** This response's page policy; Next reads the nonce from the request's copy of the header. */
function contentSecurityPolicy(nonce: string): string {
  const tiktok = [
    env.TIKTOK_AUTH_BASE_URL,
    env.TIKTOK_BUSINESS_API_BASE_URL,
    env.TIKTOK_OPEN_API_BASE_URL,
  ].map(origin);
  return pageContentSecurityPolicy({
    nonce,
    development: !env.isProduction,
    consentOrigins: tiktok.slice(0, 2),
    imageOrigins: tiktok.filter((value) => value.startsWith('http:')),
    uploadOrigins: bucketOrigins(env),
    https: env.APP_URL.startsWith('https:'),
  });
}

/**
 * Two jobs, neither of them authorization. Every page gets its Content-Security-Policy with a fresh
 * nonce. A visitor without a session cookie is sent to sign in (optimistically: whether the session
 * is valid, and what it may see, is decided by each page and route at the data boundary).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix));
  if (!isPublic && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  if (env.APP_URL.startsWith('https:'))
    response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return response;
}

// API routes authorize themselves and need no page policy (next.config.ts gives them a strict one);
// skipping the proxy spares every webhook delivery (TikTok retries anything slow) a pass through it.
// Icons, robots.txt and the web manifest are public files fetched without a session.
export const config = {
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|robots.txt|manifest.webmanifest|.*\\.(?:svg|png|jpg|ico)$).*)',
  ],
};
