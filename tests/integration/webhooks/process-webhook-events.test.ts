import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, jobs, tiktokAccounts, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { JOB_REGISTRY, WEBHOOK_EVENT_HANDLERS } from '@/lib/job-handlers';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { joinWebhookEventHandlers } from '@/lib/webhooks/event-handlers';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { webhookJobHandlers } from '@/lib/webhooks/job-handlers';
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event';
import { createTestTiktokAccount } from '@/tests/factories/create-tiktok-account';
import { createTestUser } from '@/tests/factories/create-user';
import { BUSINESS_SECRET, signatureFor, webhookBody } from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('webhook event processing on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  beforeEach(async () => {
    await db.delete(jobs);
    await db.delete(webhookEvents);
  });

  async function deliver(
    options: Parameters<typeof webhookBody>[0],
    source: 'tiktok' | 'tiktok-business' = 'tiktok',
  ) {
    const body = webhookBody(options);
    const secret = source === 'tiktok' ? undefined : BUSINESS_SECRET;
    const result = await ingestWebhookEvent(db, {
      source,
      rawBody: Buffer.from(body),
      signature: signatureFor(body, secret),
    });
    return result.eventId!;
  }

  async function eventRow(id: string) {
    const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
    return row!;
  }

  const run = (registry = JOB_REGISTRY) => runDueJobs({ db, registry, budgetMs: 10_000, workerId: 'test' });

  it('authorization.removed disconnects the account in every workspace that has it, wipes tokens, audits once', async () => {
    const alice = await createTestUser(db);
    const bob = await createTestUser(db);
    const openId = `open-shared-${Date.now()}`;
    const inAlice = await createTestTiktokAccount(db, { workspaceId: alice.workspaceId, tiktokId: openId });
    const inBob = await createTestTiktokAccount(db, { workspaceId: bob.workspaceId, tiktokId: openId });
    const bystander = await createTestTiktokAccount(db, { workspaceId: alice.workspaceId });

    const eventId = await deliver({ event: 'authorization.removed', openId, content: { reason: 4 } });
    const result = await run();
    expect(result.succeeded).toBeGreaterThanOrEqual(1);

    const event = await eventRow(eventId);
    expect(event).toMatchObject({ status: 'processed', attempts: 1, lastError: null });
    expect(event.note).toContain('2 workspaces');
    expect(event.note).toContain('TikTok banned the account.');
    for (const id of [inAlice.id, inBob.id]) {
      const [account] = await db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, id));
      expect(account).toMatchObject({
        status: 'disconnected',
        statusReason: 'tiktok_account_banned',
        accessToken: null,
        refreshToken: null,
      });
    }
    const [untouched] = await db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, bystander.id));
    expect(untouched?.status).toBe('active');

    // Running the job again (a reclaimed lease) changes nothing and audits nothing new.
    await processWebhookEvent(db, { eventId, attempt: 2, maxAttempts: 10, handlers: WEBHOOK_EVENT_HANDLERS });
    const audits = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'tiktok_account.disconnected'), eq(auditEvents.targetId, inAlice.id)),
      );
    expect(audits).toHaveLength(1);
    expect((await eventRow(eventId)).attempts).toBe(1);
  });

  it('notes an authorization.removed for an account nobody has connected, without failing', async () => {
    const eventId = await deliver({
      event: 'authorization.removed',
      openId: 'open-nobody',
      content: { reason: 5 },
    });
    await run();
    const event = await eventRow(eventId);
    expect(event.status).toBe('processed');
    expect(event.note).toContain('No connected account');
  });

  it('on a deploy without the inbox and publishing, holds post.publish.* (both spellings), im_* and unknown events without failing', async () => {
    // Only the account lifecycle handler: what an installation ran before those features shipped.
    const beforeFeatures = createJobRegistry(
      webhookJobHandlers(
        joinWebhookEventHandlers({
          'authorization.removed': WEBHOOK_EVENT_HANDLERS['authorization.removed']!,
        }),
      ).handlers,
    );
    const publishing = await Promise.all(
      [
        'post.publish.complete',
        'post.publish.failed',
        'post.publish.inbox_delivered',
        'post.publish.publicly_available',
        'post.publish.publicaly_available',
        'post.publish.no_longer_publicaly_available',
        'post.publish.no_longer_publicly_available',
      ].map((event) => deliver({ event, content: { publish_id: 'v_pub_file~v2-1.123' } })),
    );
    const inbox = await Promise.all(
      ['im_receive_msg', 'im_send_msg', 'im_mark_read_msg'].map((event) =>
        deliver({ event, openId: 'biz-1', content: { conversation_id: 'c1' } }, 'tiktok-business'),
      ),
    );
    const unknown = await deliver({ event: 'video.publish.completed', content: { share_id: 's1' } });
    await run(beforeFeatures);

    for (const id of publishing) {
      const row = await eventRow(id);
      expect(row.status).toBe('held');
      expect(row.note).toMatch(
        /^Kept until publishing handles "post\.publish\.[a-z_]+" events; it runs then\.$/,
      );
    }
    for (const id of inbox) {
      const row = await eventRow(id);
      expect(row.status).toBe('held');
      expect(row.note).toContain('Kept until the inbox handles');
    }
    expect(await eventRow(unknown)).toMatchObject({
      status: 'held',
      note: 'Tokdesk does not handle "video.publish.completed" events yet; kept, and run if a later version does.',
    });
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(sql`${jobs.status} <> 'succeeded'`);
    expect(left?.n).toBe(0);
  });

  it('records a failing handler on the event, retries it, then marks event and job dead', async () => {
    let calls = 0;
    const exploding = webhookJobHandlers(
      joinWebhookEventHandlers({
        'test.explode': async () => {
          calls += 1;
          throw new Error(`handler broke (${calls})`);
        },
      }),
    );
    const registry = createJobRegistry(exploding.handlers);
    const eventId = await deliver({ event: 'test.explode' });
    await db.update(jobs).set({ maxAttempts: 2 });

    await run(registry);
    expect(await eventRow(eventId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'handler broke (1)',
    });
    const [job] = await db.select().from(jobs);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });

    await db.update(jobs).set({ runAt: sql`now()` });
    await run(registry);
    expect(await eventRow(eventId)).toMatchObject({
      status: 'dead',
      attempts: 2,
      lastError: 'handler broke (2)',
    });
    const [dead] = await db.select().from(jobs);
    expect(dead).toMatchObject({ status: 'dead', attempts: 2, lastError: 'handler broke (2)' });
    expect(calls).toBe(2);
  });
});
