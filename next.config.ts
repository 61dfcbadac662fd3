import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { loadEnv } from './lib/env';

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
  // Nothing Tokdesk serves belongs in a search index: pages, API answers and files alike.
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'X-Robots-Tag', value: 'noindex, nofollow' }] }];
  },
};

export default function config(phase: string): NextConfig {
  // `next dev` and `next start` refuse a bad configuration before serving anything; builds and
  // type generation must work without production secrets.
  if (phase === PHASE_DEVELOPMENT_SERVER || phase === PHASE_PRODUCTION_SERVER) loadEnv(process.env);
  return nextConfig;
}
