import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type DbHandle } from '@/lib/db/create-db';
import { migrateDb } from '@/lib/db/migrate-db';
import { hasPostgres, TEST_POSTGRES_URL } from './services';

export type TestDbKind = 'pglite' | 'postgres';

/** The database kinds integration suites run against on this machine: PGlite always, Postgres when present. */
export const TEST_DB_KINDS: TestDbKind[] = hasPostgres ? ['pglite', 'postgres'] : ['pglite'];

export type TestDb = DbHandle & { url: string | null; drop: () => Promise<void> };

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a uniquely named database
 * on the machine's PostgreSQL that `drop()` removes again.
 */
export async function createTestDb(kind: TestDbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const handle = await createDb({ pgliteDir: 'memory://' });
    await migrateDb(handle);
    return { ...handle, url: null, drop: handle.close };
  }
  const name = `tokdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), maxConnections: 20 });
  await migrateDb(handle);
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const cleanup = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
