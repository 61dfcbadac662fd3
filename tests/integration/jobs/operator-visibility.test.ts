import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, users, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { getQueueHealth } from '@/lib/jobs/get-queue-health';
import { getQueueStats } from '@/lib/jobs/get-queue-stats';
import { listJobsForOperator } from '@/lib/jobs/list-jobs-for-operator';
import { listProblemJobs } from '@/lib/jobs/list-problem-jobs';
import { retryJob } from '@/lib/jobs/retry-job';
import { retryJobAsOperator } from '@/lib/jobs/retry-job-as-operator';
import { isOperator } from '@/lib/operators/require-operator';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { listWebhookEvents } from '@/lib/webhooks/list-webhook-events';
import { listWebhookEventsForOperator } from '@/lib/webhooks/list-webhook-events-for-operator';
import { createTestTiktokAccount } from '@/tests/factories/create-tiktok-account';
import { createTestUser, type TestUser } from '@/tests/factories/create-user';
import { signatureFor, webhookBody } from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { insertJob } from './support/test-jobs';

// Read once, when env is first used: set before anything touches it.
process.env.OPERATOR_EMAILS = ' Ops@Example.test , unverified-ops@example.test';

describe.each(TEST_DB_KINDS)('operator view versus tenant view on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let tenant: TestUser;
  let other: TestUser;
  let operator: TestUser;
  let unverifiedOperator: TestUser;
  const ids: Record<string, string> = {};

  async function deliver(name: string, openId: string | null) {
    const body = webhookBody({ openId: openId ?? undefined, event: 'post.publish.complete' });
    const raw = openId ? body : JSON.stringify({ ...JSON.parse(body), user_openid: undefined });
    const result = await ingestWebhookEvent(db, {
      source: 'tiktok',
      rawBody: Buffer.from(raw),
      signature: signatureFor(raw),
    });
    ids[name] = result.eventId!;
    const [job] = await db.select().from(jobs).where(sql`${jobs.payload}->>'eventId' = ${result.eventId}`);
    ids[`${name}EventJob`] = job!.id;
  }

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    tenant = await createTestUser(db);
    other = await createTestUser(db);
    operator = await createTestUser(db, { email: 'ops@example.test' });
    unverifiedOperator = await createTestUser(db, { email: 'unverified-ops@example.test', verified: false });
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, operator.id));
    await createTestTiktokAccount(db, { workspaceId: tenant.workspaceId, tiktokId: 'open-tenant' });
    await createTestTiktokAccount(db, { workspaceId: other.workspaceId, tiktokId: 'open-other' });

    await deliver('tenant', 'open-tenant');
    await deliver('other', 'open-other');
    await deliver('unknownAccount', 'open-nobody-connected');
    await deliver('noAccount', null);
    ids.installationJob = (await insertJob(db, 'jobs.prune', { payload: {} })).id;
    ids.workspaceJob = (await insertJob(db, 'test.report', { workspaceId: tenant.workspaceId })).id;
    await db.update(jobs).set({ status: 'dead', attempts: 3, lastError: 'boom', finishedAt: new Date() });
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('a tenant sees only its own accounts’ events and jobs, never installation-wide ones', async () => {
    const scope = { workspaceId: tenant.workspaceId, userId: tenant.id };
    expect((await listWebhookEvents(db, scope)).map((event) => event.id)).toEqual([ids.tenant]);
    const problems = (await listProblemJobs(db, scope)).map((job) => job.id).sort();
    expect(problems).toEqual([ids.tenantEventJob, ids.workspaceJob].sort());
    expect(await getQueueStats(db, scope)).toMatchObject({ dead: 2 });
  });

  it('a tenant cannot retry an installation-wide job or another tenant’s: 404', async () => {
    for (const jobId of [
      ids.installationJob!,
      ids.noAccountEventJob!,
      ids.unknownAccountEventJob!,
      ids.otherEventJob!,
    ]) {
      await expect(
        retryJob(db, { workspaceId: tenant.workspaceId, userId: tenant.id, jobId }),
      ).rejects.toMatchObject({ code: 'not_found' });
    }
    await retryJob(db, { workspaceId: tenant.workspaceId, userId: tenant.id, jobId: ids.workspaceJob! });
    const [retried] = await db.select().from(jobs).where(eq(jobs.id, ids.workspaceJob!));
    expect(retried?.status).toBe('pending');
  });

  it('tenants and unverified look-alikes get 404 from every operator query', async () => {
    for (const userId of [tenant.id, unverifiedOperator.id]) {
      expect(await isOperator(db, userId)).toBe(false);
      for (const call of [
        () => getQueueHealth(db, { userId }),
        () => listJobsForOperator(db, { userId }),
        () => listWebhookEventsForOperator(db, { userId }),
        () => retryJobAsOperator(db, { userId, jobId: ids.installationJob! }),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'not_found' });
      }
    }
  });

  it('the operator sees every event and job, the queue’s health, and retries installation-wide jobs', async () => {
    expect(await isOperator(db, operator.id)).toBe(true);
    const events = (await listWebhookEventsForOperator(db, { userId: operator.id })).map((event) => event.id);
    expect(events.sort()).toEqual([ids.tenant, ids.other, ids.unknownAccount, ids.noAccount].sort());
    const dead = (await listJobsForOperator(db, { userId: operator.id })).map((job) => job.id);
    expect(dead).toContain(ids.installationJob);
    expect(dead).toContain(ids.otherEventJob);
    const health = await getQueueHealth(db, { userId: operator.id });
    expect(health.stats.dead).toBe(5);
    expect(health.byType.find((row) => row.type === 'webhooks.process-event')?.dead).toBe(4);

    await retryJobAsOperator(db, { userId: operator.id, jobId: ids.installationJob! });
    const [retried] = await db.select().from(jobs).where(eq(jobs.id, ids.installationJob!));
    expect(retried).toMatchObject({ status: 'pending', maxAttempts: 4 });
    const held = await db.select().from(webhookEvents).where(eq(webhookEvents.id, ids.noAccount!));
    expect(held).toHaveLength(1);
  });
});
