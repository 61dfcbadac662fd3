/**
 * Our local Upstash-compatible endpoint (scripts/local-kv) names its store in this response
 * header; Upstash sends none, which is how health checks tell the two apart. No `server-only`:
 * the dev tooling that sets the header runs outside Next.
 */
export const KV_BACKEND_HEADER = 'x-tokdesk-kv-backend';
