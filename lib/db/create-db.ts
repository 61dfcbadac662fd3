import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import type { Db } from './types';

/** Subscribes to a NOTIFY channel; resolves to the function that stops listening. */
export type Listen = (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;

export type DbHandle = {
  db: Db;
  mode: 'external' | 'embedded';
  close: () => Promise<void>;
  /** LISTEN, where the connection allows it: not through a transaction-mode pooler. */
  listen?: Listen;
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
      db: drizzlePostgres(behindPooler ? client : preparedByDefault(client), { schema }) as unknown as Db,
      mode: 'external',
      close: () => client.end({ timeout: 5 }),
      // postgres.js keeps one extra connection for all channels and re-listens after reconnecting.
      listen: behindPooler
        ? undefined
        : async (channel, onNotify) => {
            const { unlisten } = await client.listen(channel, onNotify);
            return unlisten;
          },
    };
  }
  if (!pgliteDir.startsWith('memory://')) mkdirSync(pgliteDir, { recursive: true });
  const client = await PGlite.create(pgliteDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    mode: 'embedded',
    close: () => client.close(),
    listen: (channel, onNotify) => client.listen(channel, onNotify),
  };
}

/** `?pgbouncer=true` (the convention Prisma uses) or Supabase's pooler port mark a pooled URL. */
export function readPoolerHint(url: string): { connectionUrl: string; behindPooler: boolean } {
  const parsed = new URL(url);
  const flagged = parsed.searchParams.get('pgbouncer') === 'true';
  parsed.searchParams.delete('pgbouncer');
  return { connectionUrl: parsed.toString(), behindPooler: flagged || parsed.port === '6543' };
}

/**
 * Drizzle's postgres.js driver sends every query through `unsafe()` with `prepare: false` unless it
 * was built with `.prepare(name)`, so the client's `prepare` option never applied and Postgres
 * parsed and planned every statement again (most of its CPU under webhook load). This client
 * prepares them instead: postgres.js keeps one named statement per query text per connection,
 * re-prepares after a schema change, and sends queries without parameters over the simple protocol.
 */
function preparedByDefault(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'unsafe') {
        return (
          query: string,
          params?: postgres.ParameterOrJSON<never>[],
          options?: postgres.UnsafeQueryOptions,
        ) => target.unsafe(query, params, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.Sql) => unknown;
          // Queries inside a transaction (or a nested one) go through its own client.
          const open = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return open.call(target, ...args, (tx: postgres.Sql) => body(preparedByDefault(tx)));
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
