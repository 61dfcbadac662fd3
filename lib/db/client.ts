import 'server-only';
import { env } from '@/lib/env';
import { createDb, type DbHandle } from './create-db';
import type { Db } from './types';

// One handle per process: dev reloads modules, and PGlite must never open its directory twice.
const globalForDb = globalThis as unknown as { tokdeskDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.tokdeskDb ??= createDb({ url: env.DATABASE_URL });
  return globalForDb.tokdeskDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
