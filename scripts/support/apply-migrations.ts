import { createDb } from '../../lib/db/create-db';
import { migrateDb } from '../../lib/db/migrate-db';

/** Opens the configured database, applies pending migrations and closes it again. */
export async function applyMigrations(databaseUrl: string | undefined): Promise<'embedded' | 'external'> {
  const handle = await createDb({ url: databaseUrl, maxConnections: 1 });
  try {
    await migrateDb(handle);
    return handle.mode;
  } finally {
    await handle.close();
  }
}
