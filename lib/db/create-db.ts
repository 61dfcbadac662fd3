import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import type { Db } from './types';

export type DbHandle = {
  db: Db;
  mode: 'external' | 'embedded';
  close: () => Promise<void>;
};

export type CreateDbOptions = {
  /** postgres:// URL; without one the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; `memory://` for a throw-away database. */
  pgliteDir?: string;
  maxConnections?: number;
};

/** Opens the database: postgres.js when a URL is given, PGlite (embedded, WASM Postgres) otherwise. */
export async function createDb({
  url,
  pgliteDir = '.data/pglite',
  maxConnections = 10,
}: CreateDbOptions): Promise<DbHandle> {
  if (url) {
    // prepare: false keeps us compatible with transaction-mode poolers (Supabase, PgBouncer < 1.21).
    const client = postgres(url, { max: maxConnections, prepare: false, onnotice: () => {} });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Db,
      mode: 'external',
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!pgliteDir.startsWith('memory://')) mkdirSync(pgliteDir, { recursive: true });
  const client = await PGlite.create(pgliteDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    mode: 'embedded',
    close: () => client.close(),
  };
}
