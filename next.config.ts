import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { loadEnv } from './lib/env';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // PGlite ships WASM and postgres.js opens sockets: both must stay plain Node modules.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  poweredByHeader: false,
  experimental: {
    // forbidden() for pages only owners and admins may open.
    authInterrupts: true,
    // radix-ui re-exports every primitive from one entry; import only the ones used.
    optimizePackageImports: ['radix-ui'],
  },
  // Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts. Nothing
  // Tokdesk serves belongs in a search index: pages, API answers and files alike.
  headers: async () => [
    {
      source: '/:path*',
      headers: [...SECURITY_HEADERS, { key: 'X-Robots-Tag', value: 'noindex, nofollow' }],
    },
    {
      source: '/api/:path*',
      headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }],
    },
  ],
};

export default function config(phase: string): NextConfig {
  // `next dev` and `next start` refuse a bad configuration before serving anything; builds and
  // type generation must work without production secrets.
  if (phase === PHASE_DEVELOPMENT_SERVER || phase === PHASE_PRODUCTION_SERVER) loadEnv(process.env);
  return nextConfig;
}
