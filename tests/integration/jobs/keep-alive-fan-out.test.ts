import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
import { jobs, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { handleJob } from '@/lib/jobs/define-job';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { refreshAccountTokensJob } from '@/lib/tokens/jobs';
import { keepTokensAlive } from '@/lib/tokens/keep-tokens-alive';
import { refreshAccountForKeepAlive } from '@/lib/tokens/refresh-account-for-keep-alive';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { consentAndGetCallback, sandboxUser } from '@/tests/helpers/connect-flow';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

describe.each(TEST_DB_KINDS)('token keep-alive fan-out on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let teams: WorkspaceWithMembers[];
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    teams = [await createWorkspaceWithMembers(db), await createWorkspaceWithMembers(db)];
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  async function connectCreator(team: WorkspaceWithMembers) {
    const user = sandboxUser(stack.sandbox, 'creator');
    const params = await consentAndGetCallback(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      sandboxUserId: user.id,
    });
    const location = new URL(
      await handleConnectCallback(db, { kind: 'creator', params, userId: team.owner.id }),
    );
    return location.searchParams.get('account') ?? '';
  }

  it('enqueues one refresh job per due account, each in its workspace, and the pool refreshes them in parallel', async () => {
    const due = [
      await connectCreator(teams[0]!),
      await connectCreator(teams[0]!),
      await connectCreator(teams[1]!),
    ];
    const fresh = await connectCreator(teams[1]!);
    await db
      .update(tiktokAccounts)
      .set({ accessTokenExpiresAt: new Date(Date.now() + 3_600_000) })
      .where(inArray(tiktokAccounts.id, due));
    await db
      .update(tiktokAccounts)
      .set({ accessTokenExpiresAt: new Date(Date.now() + 3 * 86_400_000) })
      .where(eq(tiktokAccounts.id, fresh));
    await stack.clearRequests();

    const fanOut = await keepTokensAlive(db);
    expect(fanOut.enqueued).toHaveLength(3);
    const queued = await db.select().from(jobs).where(eq(jobs.type, refreshAccountTokensJob.type));
    expect(queued.map((job) => (job.payload as { accountId: string }).accountId).sort()).toEqual(
      [...due].sort(),
    );
    const accountWorkspace = new Map(
      (await db.select().from(tiktokAccounts)).map((account) => [account.id, account.workspaceId]),
    );
    for (const job of queued) {
      const { accountId } = job.payload as { accountId: string };
      expect(job.workspaceId).toBe(accountWorkspace.get(accountId));
      expect(job.concurrencyKey).toBe(`tiktok-account:${accountId}`);
    }
    // The same day again: nothing new (the day is in the dedupe key).
    expect((await keepTokensAlive(db)).enqueued).toEqual([]);

    let overlapping = 0;
    let peak = 0;
    const registry = createJobRegistry([
      handleJob(refreshAccountTokensJob, async (payload, ctx) => {
        peak = Math.max(peak, ++overlapping);
        try {
          return await refreshAccountForKeepAlive(ctx.db, { ...payload, redis: stack.redis });
        } finally {
          overlapping -= 1;
        }
      }),
    ]);
    const result = await runDueJobs({ db, registry, workerId: 'keep-alive', budgetMs: 30_000 });
    expect(result).toMatchObject({ claimed: 3, succeeded: 3 });
    expect(peak).toBeGreaterThan(1);
    expect(await stack.requestCount('oauth.token')).toBe(3);
    const refreshed = await db.select().from(tiktokAccounts).where(inArray(tiktokAccounts.id, due));
    // Past the hour they had left: a new token lives 2 h (TikTok's current lifetime; 24 h in the legacy profile).
    for (const account of refreshed) {
      expect(account.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 90 * 60_000);
    }
    const done = await db.select().from(jobs).where(eq(jobs.type, refreshAccountTokensJob.type));
    expect(done.every((job) => job.status === 'succeeded')).toBe(true);
    expect(done.map((job) => job.result)).toEqual([
      { outcome: 'refreshed' },
      { outcome: 'refreshed' },
      { outcome: 'refreshed' },
    ]);
  });
});
