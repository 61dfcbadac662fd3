import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { JOBS_CHANNEL } from '@/lib/jobs/jobs-channel';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { signatureFor, webhookBody } from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

vi.mock('@/lib/db/client', () => ({ getDb: vi.fn(), getDbHandle: vi.fn() }));

async function counts(db: Db) {
  const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents);
  const [queued] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs);
  return { events: events?.n ?? -1, jobs: queued?.n ?? -1 };
}

async function waitFor(done: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const deliver = (db: Db, body: string) =>
  ingestWebhookEvent(db, { source: 'tiktok', rawBody: Buffer.from(body), signature: signatureFor(body) });

describe.each(TEST_DB_KINDS)('concurrent webhook deliveries on %s', (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('are stored together: each once with its job, redeliveries in the same burst included', async () => {
    const { db } = testDb;
    await db.delete(jobs);
    await db.delete(webhookEvents);
    const bodies = Array.from({ length: 60 }, () => webhookBody());
    const burst = [...bodies, ...bodies.slice(0, 15)];
    const results = await Promise.all(burst.map((body) => deliver(db, body)));

    expect(results.filter((result) => !result.duplicate)).toHaveLength(60);
    expect(results.filter((result) => result.duplicate)).toHaveLength(15);
    expect(await counts(db)).toEqual({ events: 60, jobs: 60 });
  });

  it('wake listening job workers once the group is stored, and not for redeliveries', async () => {
    const { db } = testDb;
    const wakes: string[] = [];
    const unlisten = await testDb.listen?.(JOBS_CHANNEL, (payload) => wakes.push(payload));
    try {
      const body = webhookBody();
      await Promise.all([deliver(db, body), deliver(db, webhookBody())]);
      await waitFor(() => wakes.length > 0);
      const afterNew = wakes.length;
      await deliver(db, body);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The redelivery stored no job and wakes nobody.
      expect(afterNew).toBeGreaterThan(0);
      expect(wakes).toHaveLength(afterNew);
    } finally {
      await unlisten?.();
    }
  });

  it('refuse only the event Postgres rejects; the rest of its group is stored', async () => {
    const { db } = testDb;
    await db.delete(jobs);
    await db.delete(webhookEvents);
    await db.execute(
      sql.raw(`create function refuse_poison() returns trigger language plpgsql as $$
        begin if new.event = 'poison' then raise exception 'refused'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger refuse_poison before insert on webhook_events for each row execute function refuse_poison()',
      ),
    );
    try {
      const good = Array.from({ length: 20 }, () => webhookBody());
      const poison = webhookBody({ event: 'poison' });
      const outcomes = await Promise.allSettled([...good, poison].map((body) => deliver(db, body)));

      expect(outcomes.slice(0, 20).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
      expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: { code: 'service_unavailable' } });
      expect(await counts(db)).toEqual({ events: 20, jobs: 20 });
    } finally {
      await db.execute(sql.raw('drop trigger refuse_poison on webhook_events'));
      await db.execute(sql.raw('drop function refuse_poison()'));
    }
  });
});
