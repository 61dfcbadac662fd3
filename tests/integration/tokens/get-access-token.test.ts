import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectTiktokAccount } from '@/lib/accounts/disconnect-tiktok-account';
import { markAccountDisconnected } from '@/lib/accounts/mark-account-disconnected';
import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
import { auditEvents, type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { handleJob } from '@/lib/jobs/define-job';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { acquireLock } from '@/lib/kv/acquire-lock';
import { refreshAccessToken } from '@/lib/tiktok/login-kit/refresh-access-token';
import { openAccountToken } from '@/lib/tokens/account-token-columns';
import { getAccessToken, refreshLockKey } from '@/lib/tokens/get-access-token';
import { refreshAccountTokensJob } from '@/lib/tokens/jobs';
import { keepTokensAlive } from '@/lib/tokens/keep-tokens-alive';
import { refreshAccountForKeepAlive } from '@/lib/tokens/refresh-account-for-keep-alive';
import { AccountNeedsReconnectError, TokenRefreshFailedError } from '@/lib/tokens/token-errors';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { consentAndGetCallback, sandboxUser } from '@/tests/helpers/connect-flow';
import {
  accessLifetimeMs,
  applySandboxProfile,
  SANDBOX_PROFILE_RUNS,
} from '@/tests/helpers/sandbox-profiles';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const DAY_MS = 86_400_000;

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

// Each run also puts the sandbox in a token-lifetime profile and error mode (SANDBOX_PROFILE_RUNS).
describe.each(SANDBOX_PROFILE_RUNS)('token service ($dbKind, $lifetimes)', (run) => {
  const { dbKind } = run;
  const lifetime = accessLifetimeMs(run);
  let testDb: TestDb;
  let team: WorkspaceWithMembers;

  beforeAll(async () => {
    await applySandboxProfile(stack.sandbox, run);
    testDb = await createTestDb(dbKind);
    team = await createWorkspaceWithMembers(testDb.db);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  async function connect(kind: TikTokAccountKind, workspace = team) {
    const user = kind === 'ads' ? null : sandboxUser(stack.sandbox, kind);
    const params = await consentAndGetCallback(testDb.db, stack.sandbox, {
      kind,
      workspaceId: workspace.workspaceId,
      userId: workspace.owner.id,
      sandboxUserId: user?.id,
      advertiserIds: ['7300000000000000001'],
    });
    const location = new URL(
      await handleConnectCallback(testDb.db, { kind, params, userId: workspace.owner.id }),
    );
    if (kind === 'ads') {
      const { keepAdvertisers } = await import('@/lib/connect/keep-advertisers');
      const { accountIds } = await keepAdvertisers(testDb.db, {
        attemptId: location.searchParams.get('attempt') ?? '',
        workspaceId: workspace.workspaceId,
        userId: workspace.owner.id,
        advertiserIds: ['7300000000000000001'],
      });
      return { id: accountIds[0] ?? '', user };
    }
    return { id: location.searchParams.get('account') ?? '', user };
  }

  const expire = (db: Db, id: string) =>
    db
      .update(tiktokAccounts)
      .set({ accessTokenExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(tiktokAccounts.id, id));
  const row = async (id: string) =>
    (await testDb.db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, id)))[0];

  it('returns a still-valid token without calling TikTok', async () => {
    const { id } = await connect('creator');
    await stack.clearRequests();
    const token = await getAccessToken(testDb.db, id, { redis: stack.redis });
    expect(token.startsWith('act.')).toBe(true);
    expect(await stack.requestCount('oauth.token')).toBe(0);
  });

  it.each([
    ['callers in one instance (one shared attempt)', true],
    ['callers as separate instances (the Redis lock alone)', false],
  ])('stampede of 500 %s: exactly one refresh and all get the new token', async (_label, shareInFlight) => {
    const { id } = await connect('creator');
    const before = await row(id);
    await expire(testDb.db, id);
    await stack.clearRequests();
    const tokens = await Promise.all(
      Array.from({ length: 500 }, () =>
        getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY, shareInFlight }),
      ),
    );
    expect(await stack.requestCount('oauth.token')).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    const after = await row(id);
    expect(openAccountToken(id, 'access_token', after?.accessToken ?? '')).toBe(tokens[0]);
    // Rotation: the refresh token was replaced too, and both expiries moved.
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('a lock holder that died mid-refresh blocks callers no longer than the lock TTL', async () => {
    const { id } = await connect('creator');
    await expire(testDb.db, id);
    // Taken and never released: as if the process died between taking the lock and persisting.
    expect(await acquireLock(stack.redis, refreshLockKey(id), { ttlMs: 1000 })).not.toBeNull();
    await stack.clearRequests();
    const started = Date.now();
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () =>
        getAccessToken(testDb.db, id, {
          redis: stack.redis,
          lockTtlMs: 1000,
          waitMs: 5000,
          retry: FAST_RETRY,
          shareInFlight: false,
        }),
      ),
    );
    const waited = Date.now() - started;
    expect(new Set(tokens).size).toBe(1);
    expect(await stack.requestCount('oauth.token')).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(800);
    expect(waited).toBeLessThan(3000);
  });

  it('invalid_grant marks the account needs_reconnect with one audit event and a typed error', async () => {
    const { id } = await connect('creator');
    const stored = await row(id);
    // Someone used our refresh token elsewhere: TikTok rotated it, so ours is dead.
    await refreshAccessToken(openAccountToken(id, 'refresh_token', stored?.refreshToken ?? ''));
    await expire(testDb.db, id);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY }),
      ),
    );
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(AccountNeedsReconnectError);
    }
    expect((await row(id))?.status).toBe('needs_reconnect');
    expect((await row(id))?.statusReason).toBe('refresh_token_invalid');
    const events = await testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, 'tiktok_account.needs_reconnect')));
    expect(events).toHaveLength(1);
  });

  it('transient failures are retried with backoff and leave the account active', async () => {
    const { id } = await connect('business');
    await expire(testDb.db, id);
    await stack.clearRequests();
    await stack.addFault({ endpoint: 'business.oauth.refresh', errorCode: 50000, count: 3 });
    await expect(
      getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY }),
    ).rejects.toBeInstanceOf(TokenRefreshFailedError);
    expect(await stack.requestCount('business.oauth.refresh')).toBe(3);
    expect((await row(id))?.status).toBe('active');
    // Two failures then success: one call, the caller never notices.
    await stack.addFault({ endpoint: 'business.oauth.refresh', errorCode: 50000, count: 2 });
    await stack.redis.del(`tokens:refresh-failed:${id}`);
    const token = await getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY });
    expect(token.startsWith('bat.')).toBe(true);
  });

  it('an expired refresh token needs reconnecting without asking TikTok', async () => {
    const { id } = await connect('business');
    await testDb.db
      .update(tiktokAccounts)
      .set({
        accessTokenExpiresAt: new Date(Date.now() - 1000),
        refreshTokenExpiresAt: new Date(Date.now() - 1000),
      })
      .where(eq(tiktokAccounts.id, id));
    await stack.clearRequests();
    await expect(getAccessToken(testDb.db, id, { redis: stack.redis })).rejects.toBeInstanceOf(
      AccountNeedsReconnectError,
    );
    expect(await stack.requestCount('business.oauth.refresh')).toBe(0);
    expect((await row(id))?.statusReason).toBe('refresh_token_expired');
  });

  it('ads tokens have no expiry and are never refreshed', async () => {
    const { id } = await connect('ads');
    const token = await getAccessToken(testDb.db, id, { redis: stack.redis });
    expect(token.startsWith('ads.')).toBe(true);
  });

  it('markAccountDisconnected finds a creator by open_id in every workspace, wipes tokens, and is idempotent', async () => {
    const other = await createWorkspaceWithMembers(testDb.db);
    const user = sandboxUser(stack.sandbox, 'creator');
    const first = await connectAs(user.id, team);
    const second = await connectAs(user.id, other);
    const result = await markAccountDisconnected(testDb.db, { openId: user.openId, reason: 1 });
    expect(result.accounts.map((a) => a.id).sort()).toEqual([first, second].sort());
    expect((await row(first))?.accessToken).toBeNull();
    expect((await row(first))?.statusReason).toBe('tiktok_user_disconnected');
    expect(
      (await markAccountDisconnected(testDb.db, { openId: user.openId, reason: 1 })).accounts,
    ).toHaveLength(0);
  });

  it('disconnect revokes at TikTok unless another workspace still uses the grant; history stays', async () => {
    const other = await createWorkspaceWithMembers(testDb.db);
    const user = sandboxUser(stack.sandbox, 'creator');
    const mine = await connectAs(user.id, team);
    const theirs = await connectAs(user.id, other);
    await stack.clearRequests();
    const kept = await disconnectTiktokAccount(testDb.db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      accountId: mine,
    });
    expect(kept.revoke).toBe('kept');
    expect(await stack.requestCount('oauth.revoke')).toBe(0);
    const revoked = await disconnectTiktokAccount(testDb.db, {
      workspaceId: other.workspaceId,
      userId: other.owner.id,
      accountId: theirs,
    });
    expect(revoked.revoke).toBe('revoked');
    expect(await stack.requestCount('oauth.revoke')).toBe(1);
    const gone = await row(theirs);
    expect(gone?.status).toBe('disconnected');
    expect(gone?.accessToken).toBeNull();
    expect(gone?.username).toBe(user.username);
  });

  /** The daily keep-alive as a runner does it: the fan-out, then the refresh jobs it enqueued. */
  async function runKeepAlive() {
    const fanOut = await keepTokensAlive(testDb.db);
    const registry = createJobRegistry([
      handleJob(refreshAccountTokensJob, (payload, ctx) =>
        refreshAccountForKeepAlive(ctx.db, { ...payload, redis: stack.redis }),
      ),
    ]);
    const run = await runDueJobs({ db: testDb.db, registry, workerId: 'keep-alive', budgetMs: 30_000 });
    return { ...fanOut, refreshed: run.succeeded };
  }

  it('keep-alive refreshes due tokens and warns once per threshold before a refresh token runs out', async () => {
    const { id } = await connect('creator');
    await testDb.db
      .update(tiktokAccounts)
      .set({
        accessTokenExpiresAt: new Date(Date.now() + 3600_000),
        refreshTokenExpiresAt: new Date(Date.now() + 6 * DAY_MS),
      })
      .where(eq(tiktokAccounts.id, id));
    const first = await runKeepAlive();
    expect(first.refreshed).toBeGreaterThanOrEqual(1);
    expect((await row(id))?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 0.8 * lifetime);
    const warnings = () =>
      testDb.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, 'tiktok_account.refresh_expiring')));
    // TikTok is the source of truth for the refresh expiry, so pretend it said 6 days, and keep the
    // access token out of the refresh horizon so no refresh overwrites that.
    await testDb.db
      .update(tiktokAccounts)
      .set({
        accessTokenExpiresAt: new Date(Date.now() + 2 * DAY_MS),
        refreshTokenExpiresAt: new Date(Date.now() + 6 * DAY_MS),
      })
      .where(eq(tiktokAccounts.id, id));
    await runKeepAlive();
    await runKeepAlive();
    expect((await warnings()).map((e) => e.metadata.daysLeft)).toEqual([6]);
    expect((await row(id))?.refreshWarningDays).toBe(7);
    await testDb.db
      .update(tiktokAccounts)
      .set({ refreshTokenExpiresAt: new Date(Date.now() + 0.5 * DAY_MS) })
      .where(eq(tiktokAccounts.id, id));
    await runKeepAlive();
    expect(await warnings()).toHaveLength(2);
    expect((await row(id))?.refreshWarningDays).toBe(1);
  });

  async function connectAs(sandboxUserId: string, workspace: WorkspaceWithMembers) {
    const params = await consentAndGetCallback(testDb.db, stack.sandbox, {
      kind: 'creator',
      workspaceId: workspace.workspaceId,
      userId: workspace.owner.id,
      sandboxUserId,
    });
    const location = new URL(
      await handleConnectCallback(testDb.db, { kind: 'creator', params, userId: workspace.owner.id }),
    );
    return location.searchParams.get('account') ?? '';
  }
});
