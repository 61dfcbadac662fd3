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
    const { connectionUrl, behindPooler } = readPoolerHint(url);
    // Transaction-mode poolers (Supabase's port 6543, PgBouncer < 1.21) cannot keep prepared
    // statements; everywhere else they save a parse and plan per query.
    const client = postgres(connectionUrl, {
      max: maxConnections,
      prepare: !behindPooler,
      onnotice: () => {},
    });
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

/** `?pgbouncer=true` (the convention Prisma uses) or Supabase's pooler port mark a pooled URL. */
export function readPoolerHint(url: string): { connectionUrl: string; behindPooler: boolean } {
  const parsed = new URL(url);
  const flagged = parsed.searchParams.get('pgbouncer') === 'true';
  parsed.searchParams.delete('pgbouncer');
  return { connectionUrl: parsed.toString(), behindPooler: flagged || parsed.port === '6543' };
}
