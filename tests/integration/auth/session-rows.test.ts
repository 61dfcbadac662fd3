import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSessionRow,
  deleteSessionRow,
  isSessionActive,
  SESSION_MAX_AGE_SECONDS,
} from '@/lib/auth/session-rows';
import { sessions } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createTestUser } from '@/tests/factories/create-user';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('session rows on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates an active session that lasts the maximum session age', async () => {
    const user = await createTestUser(db);
    const token = await createSessionRow(db, user.id);

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await isSessionActive(db, token, user.id)).toBe(true);
    const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, token));
    const lifetime = (row?.expires.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan((SESSION_MAX_AGE_SECONDS - 60) * 1000);
    expect(lifetime).toBeLessThanOrEqual(SESSION_MAX_AGE_SECONDS * 1000);
  });

  it('is inactive for another user or an unknown token', async () => {
    const user = await createTestUser(db);
    const other = await createTestUser(db);
    const token = await createSessionRow(db, user.id);

    expect(await isSessionActive(db, token, other.id)).toBe(false);
    expect(await isSessionActive(db, 'unknown-token', user.id)).toBe(false);
  });

  it('signing out one session ends only that session', async () => {
    const user = await createTestUser(db);
    const laptop = await createSessionRow(db, user.id);
    const phone = await createSessionRow(db, user.id);

    await deleteSessionRow(db, laptop);

    expect(await isSessionActive(db, laptop, user.id)).toBe(false);
    expect(await isSessionActive(db, phone, user.id)).toBe(true);
  });

  it('treats an expired row as inactive', async () => {
    const user = await createTestUser(db);
    const token = await createSessionRow(db, user.id);
    await db
      .update(sessions)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.sessionToken, token));

    expect(await isSessionActive(db, token, user.id)).toBe(false);
  });
});
