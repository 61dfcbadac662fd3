import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { pruneFinishedJobs } from '@/lib/jobs/prune-finished-jobs';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { joinWebhookEventHandlers } from '@/lib/webhooks/event-handlers';
import { handleAuthorizationRemoved } from '@/lib/webhooks/handle-authorization-removed';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { webhookJobHandlers } from '@/lib/webhooks/job-handlers';
import type { WebhookEventInput } from '@/lib/webhooks/webhook-event-handler';
import { BUSINESS_SECRET, signatureFor, webhookBody } from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('webhook events held without a handler on %s', (kind) => {
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

  async function deliver(event: string, content: Record<string, unknown>, business = false) {
    const body = webhookBody({ event, openId: 'biz-1', content });
    const result = await ingestWebhookEvent(db, {
      source: business ? 'tiktok-business' : 'tiktok',
      rawBody: Buffer.from(body),
      signature: signatureFor(body, business ? BUSINESS_SECRET : undefined),
    });
    return result.eventId!;
  }
  const status = async (id: string) =>
    (await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0];

  it('keeps events that arrive before their feature ships, and replays them once a handler registers', async () => {
    const first = await deliver('im_receive_msg', { message_id: '7400000000000000001', text: 'hi' }, true);
    const second = await deliver(
      'im_receive_msg',
      { message_id: '7400000000000000002', text: 'still there?' },
      true,
    );
    const post = await deliver('post.publish.publicaly_available', { publish_id: 'p1' });
    const other = await deliver('im_mark_read_msg', { read: 1 }, true);

    // A deploy from before the inbox and publishing: the jobs succeed, the events are held, nothing is pruned.
    const oldDeploy = createJobRegistry(
      webhookJobHandlers(joinWebhookEventHandlers({ 'authorization.removed': handleAuthorizationRemoved }))
        .handlers,
    );
    await runDueJobs({ db, registry: oldDeploy, workerId: 'old-deploy', budgetMs: 10_000 });
    for (const id of [first, second, post, other]) expect((await status(id))?.status).toBe('held');
    await pruneFinishedJobs(db, { now: new Date(Date.now() + 200 * 86_400_000) });
    expect(await db.select().from(webhookEvents)).toHaveLength(4);

    // A later deploy registers the inbox's im_receive_msg and publishing's publicly_available.
    const received: string[] = [];
    const handlers = joinWebhookEventHandlers(
      { 'authorization.removed': handleAuthorizationRemoved },
      {
        im_receive_msg: async (_tx, event: WebhookEventInput) => {
          received.push((event.content as { text: string }).text);
          return { status: 'processed', note: 'Message stored.' };
        },
      },
      { 'post.publish.publicly_available': async () => ({ status: 'processed', note: 'Post is public.' }) },
    );
    const webhooks = webhookJobHandlers(handlers);
    const newDeploy = createJobRegistry(webhooks.handlers, { onStart: [webhooks.onStart] });
    // Starting a runner with it replays what it can now handle, and runs it.
    await runDueJobs({ db, registry: newDeploy, workerId: 'new-deploy', budgetMs: 10_000 });

    // Due in arrival order (run in parallel, like any events: handlers order by TikTok's timestamps).
    expect(received.sort()).toEqual(['hi', 'still there?']);
    const replayJobs = await db.select().from(jobs).where(eq(jobs.type, 'webhooks.process-event'));
    const runAtOf = (eventId: string) =>
      replayJobs
        .filter((job) => (job.payload as { eventId: string }).eventId === eventId)
        .at(-1)
        ?.runAt.getTime() ?? 0;
    expect(runAtOf(first)).toBeLessThan(runAtOf(second));
    expect(await status(first)).toMatchObject({ status: 'processed', note: 'Message stored.' });
    expect(await status(second)).toMatchObject({ status: 'processed' });
    // The old spelling reaches the handler registered under the new one.
    expect(await status(post)).toMatchObject({ status: 'processed', note: 'Post is public.' });
    // Still nobody handles read receipts: still held.
    expect((await status(other))?.status).toBe('held');

    // Replaying again finds nothing more: each held event ran once.
    await webhooks.onStart(db);
    await runDueJobs({ db, registry: newDeploy, workerId: 'new-deploy', budgetMs: 10_000 });
    expect(received).toHaveLength(2);
  });
});
