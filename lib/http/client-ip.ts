/** The caller's IP as our edge (Vercel or a reverse proxy) reports it; only used for rate limits and audit. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || null;
}
