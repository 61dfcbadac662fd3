/**
 * Response headers that keep Tokdesk from being framed, sniffed or leaking URLs. Pure (no env, no
 * server-only) because next.config.ts loads it at build time and proxy.ts at request time.
 */

/** On every response, pages and API alike (next.config.ts `headers()`). */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  // Older browsers' answer to framing; CSP frame-ancestors is the modern one.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Other sites see our origin at most, never a path (reset and invitation links carry secrets).
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), browsing-topics=()' },
];

/** API responses are data, never documents: nothing may run in them or embed them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export type PagePolicyOptions = {
  /** Fresh for every response; Next puts it on its own inline bootstrap scripts. */
  nonce: string;
  /** `next dev` evaluates code and talks to its HMR socket. */
  development: boolean;
  /** Where the TikTok consent pages live (real TikTok or the sandbox): forms may go there. */
  consentOrigins: readonly string[];
  /** Hosts of account avatars besides any https: origin (the sandbox serves them over http). */
  imageOrigins: readonly string[];
  /** Where browsers send presigned upload parts (the S3 bucket), if anywhere but us. */
  uploadOrigins?: readonly string[];
  /** APP_URL is https: ask browsers to upgrade any stray http: subresource. */
  https: boolean;
};

/**
 * The Content-Security-Policy of every page. Scripts run only with this response's nonce;
 * 'strict-dynamic' lets the scripts Next loads itself follow. Styles allow inline: Tailwind's
 * output is a file, but React and Next set style attributes, and injected CSS cannot run code.
 */
export function pageContentSecurityPolicy(options: PagePolicyOptions): string {
  const { nonce, development } = options;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:', ...options.imageOrigins],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(options.uploadOrigins ?? []), ...(development ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'", ...options.consentOrigins],
    'frame-ancestors': ["'none'"],
  };
  const policy = Object.entries(directives).map(
    ([name, values]) => `${name} ${[...new Set(values)].join(' ')}`,
  );
  if (options.https) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}
