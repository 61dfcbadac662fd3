import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@/lib/db/create-db';
import { rowsOf } from '@/lib/db/rows-of';
import { workspaces } from '@/lib/db/schema';
import { storeWebhookEvents } from '@/lib/webhooks/store-webhook-events';
import { hasPostgres } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

// Parsing and planning every statement again was most of Postgres's CPU under webhook load.
describe.runIf(hasPostgres)('statements on PostgreSQL', () => {
  let testDb: TestDb;
  let single: DbHandle;
  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    // One connection, so the session that prepared is the one we ask.
    single = await createDb({ url: testDb.url ?? '', maxConnections: 1 });
  });
  afterAll(async () => {
    await single?.close();
    await testDb?.drop();
  });

  const preparedTexts = async (db: DbHandle['db']) =>
    rowsOf<{ statement: string }>(await db.execute(sql`select statement from pg_prepared_statements`)).map(
      (row) => row.statement,
    );

  it('are prepared once per connection and reused, inside transactions and savepoints too', async () => {
    const find = (id: string) => single.db.select().from(workspaces).where(eq(workspaces.id, id));
    await find('a');
    await find('b');
    await single.db.transaction(async (tx) => {
      await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, 'x'));
      await tx.transaction(async (nested) => {
        await nested.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.name, 'y'));
      });
    });
    const texts = await preparedTexts(single.db);
    expect(texts.filter((text) => text.includes('from "workspaces" where "workspaces"."id"'))).toHaveLength(
      1,
    );
    expect(texts.some((text) => text.includes('where "workspaces"."slug"'))).toBe(true);
    expect(texts.some((text) => text.includes('where "workspaces"."name"'))).toBe(true);
  });

  it('store webhook groups of any size with one prepared statement', async () => {
    const row = (n: number) => ({
      eventId: `event-${n}`,
      jobId: `job-${n}`,
      source: 'tiktok' as const,
      event: 'post.publish.complete',
      dedupeKey: `dedupe-${n}`,
      payloadJson: `{"n":${n}}`,
      userOpenId: null,
      clientKey: null,
      occurredAt: null,
      job: { type: 'webhooks.process-event', payloadJson: `{"eventId":"event-${n}"}`, maxAttempts: 8 },
    });
    let next = 0;
    for (const size of [1, 2, 7, 30]) {
      const group = Array.from({ length: size }, (_, i) => row(next + i));
      next += size;
      const stored = await storeWebhookEvents(single.db, group);
      expect(stored.size).toBe(size);
    }
    const texts = await preparedTexts(single.db);
    expect(texts.filter((text) => text.includes('insert into webhook_events'))).toHaveLength(1);
  });

  it('are not prepared behind a transaction pooler, which cannot keep them', async () => {
    const pooled = await createDb({ url: `${testDb.url}?pgbouncer=true`, maxConnections: 1 });
    try {
      await pooled.db.select().from(workspaces).where(eq(workspaces.id, 'a'));
      expect(await preparedTexts(pooled.db)).toEqual([]);
    } finally {
      await pooled.close();
    }
  });
});
