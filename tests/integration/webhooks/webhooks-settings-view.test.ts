import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { getQueueStats } from '@/lib/jobs/get-queue-stats';
import { listProblemJobs } from '@/lib/jobs/list-problem-jobs';
import { retryJob } from '@/lib/jobs/retry-job';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { listWebhookEvents } from '@/lib/webhooks/list-webhook-events';
import { createTestTiktokAccount } from '@/tests/factories/create-tiktok-account';
import { createTestUser } from '@/tests/factories/create-user';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { BUSINESS_SECRET, signatureFor, webhookBody } from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('Settings → Webhooks & jobs data on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let teamA: WorkspaceWithMembers;
  let ownerB: Awaited<ReturnType<typeof createTestUser>>;
  const ids: Record<string, string> = {};

  async function deliver(name: string, options: Parameters<typeof webhookBody>[0], business = false) {
    const body = webhookBody(options);
    const result = await ingestWebhookEvent(db, {
      source: business ? 'tiktok-business' : 'tiktok',
      rawBody: Buffer.from(body),
      signature: signatureFor(body, business ? BUSINESS_SECRET : undefined),
    });
    ids[name] = result.eventId!;
  }

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    teamA = await createWorkspaceWithMembers(db, { admins: 1, agents: 1 });
    ownerB = await createTestUser(db);
    await createTestTiktokAccount(db, {
      workspaceId: teamA.workspaceId,
      tiktokId: 'open-a',
      username: 'alpha',
    });
    await createTestTiktokAccount(db, {
      workspaceId: teamA.workspaceId,
      tiktokId: 'biz-a',
      kind: 'business',
      username: 'alpha_shop',
    });
    await createTestTiktokAccount(db, {
      workspaceId: ownerB.workspaceId,
      tiktokId: 'open-b',
      username: 'bravo',
    });

    await deliver('a', { openId: 'open-a', event: 'post.publish.complete' });
    await deliver('b', { openId: 'open-b', event: 'post.publish.complete' });
    await deliver('nobody', { openId: 'open-nobody' });
    await deliver('bizA', { openId: 'biz-a', event: 'im_receive_msg' }, true);
    // A creator event carrying A's *business* id matches no creator account anywhere: app-wide.
    await deliver('kindMismatch', { openId: 'biz-a', event: 'authorization.removed' });
    const [noAccount] = await db
      .insert(webhookEvents)
      .values({ source: 'tiktok', event: 'portability.download.ready', dedupeKey: 'no-account', payload: {} })
      .returning();
    ids.noAccount = noAccount!.id;

    // Make every processing job dead, as if each had failed for good.
    await db.update(jobs).set({ status: 'dead', attempts: 10, lastError: 'boom' });
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('shows a workspace its own accounts’ events only: never another tenant’s, nor app-wide ones', async () => {
    const events = await listWebhookEvents(db, {
      workspaceId: teamA.workspaceId,
      userId: teamA.admins[0]!.id,
    });
    const seen = new Map(events.map((event) => [event.id, event]));
    expect(seen.get(ids.a!)?.accountLabel).toBe('@alpha');
    expect(seen.get(ids.bizA!)?.accountLabel).toBe('@alpha_shop');
    expect(seen.has(ids.nobody!)).toBe(false);
    expect(seen.has(ids.kindMismatch!)).toBe(false);
    expect(seen.has(ids.noAccount!)).toBe(false);
    expect(seen.has(ids.b!)).toBe(false);

    const forB = await listWebhookEvents(db, { workspaceId: ownerB.workspaceId, userId: ownerB.id });
    const seenByB = new Set(forB.map((event) => event.id));
    expect(seenByB.has(ids.b!)).toBe(true);
    expect(seenByB.has(ids.a!)).toBe(false);
    expect(seenByB.has(ids.bizA!)).toBe(false);
    expect(seenByB.has(ids.nobody!)).toBe(false);
  });

  it('lists failed and dead jobs under the same rule, with the event they were for', async () => {
    const problems = await listProblemJobs(db, { workspaceId: teamA.workspaceId, userId: teamA.owner.id });
    const subjects = problems.map((job) => job.subject).sort();
    // The kind mismatch's job names an id the workspace holds (its business account): it shows.
    expect(subjects).toEqual(['authorization.removed', 'im_receive_msg', 'post.publish.complete']);
    expect(problems.every((job) => job.status === 'dead' && job.lastError === 'boom')).toBe(true);
  });

  it('is for owners and admins of the workspace only', async () => {
    const agent = teamA.agents[0]!;
    for (const call of [
      () => listWebhookEvents(db, { workspaceId: teamA.workspaceId, userId: agent.id }),
      () => listProblemJobs(db, { workspaceId: teamA.workspaceId, userId: agent.id }),
      () => getQueueStats(db, { workspaceId: teamA.workspaceId, userId: agent.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(
      listWebhookEvents(db, { workspaceId: teamA.workspaceId, userId: ownerB.id }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('retries a visible dead job once more, audited, and refuses other tenants’ jobs', async () => {
    const [jobOfB] = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(sql`${jobs.payload}->>'eventId' = ${ids.b!}`);
    await expect(
      retryJob(db, { workspaceId: teamA.workspaceId, userId: teamA.owner.id, jobId: jobOfB!.id }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const [jobOfA] = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(sql`${jobs.payload}->>'eventId' = ${ids.a!}`);
    await retryJob(db, { workspaceId: teamA.workspaceId, userId: teamA.admins[0]!.id, jobId: jobOfA!.id });
    const [retried] = await db.select().from(jobs).where(eq(jobs.id, jobOfA!.id));
    expect(retried).toMatchObject({ status: 'pending', attempts: 10, maxAttempts: 11, finishedAt: null });
    await expect(
      retryJob(db, { workspaceId: teamA.workspaceId, userId: teamA.owner.id, jobId: jobOfA!.id }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'job.retried'));
    expect(audit).toMatchObject([{ workspaceId: teamA.workspaceId, targetId: jobOfA!.id }]);
  });

  it('reports the workspace’s share of the queue and the age of its oldest due job', async () => {
    await db
      .update(jobs)
      .set({ runAt: sql`now() - interval '90 seconds'` })
      .where(eq(jobs.status, 'pending'));
    // B sees its own account's dead job, not A's retried one nor the app-wide ones.
    const statsB = await getQueueStats(db, { workspaceId: ownerB.workspaceId, userId: ownerB.id });
    expect(statsB).toMatchObject({ due: 0, running: 0, retrying: 0, dead: 1, scheduled: 0 });
    const stats = await getQueueStats(db, { workspaceId: teamA.workspaceId, userId: teamA.owner.id });
    expect(stats).toMatchObject({ due: 1, running: 0, retrying: 0, dead: 2, scheduled: 0 });
    expect(stats.oldestDueAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(stats.oldestDueAgeSeconds).toBeLessThan(200);
  });
});
