import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
import { keepAdvertisers } from '@/lib/connect/keep-advertisers';
import { auditEvents, oauthStates, type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import { BUSINESS_SCOPES } from '@/lib/tiktok/business-messaging/scopes';
import { CREATOR_SCOPES } from '@/lib/tiktok/login-kit/scopes';
import { SECRET_PREFIXES } from '@/sandbox/core/config';
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

const SECRETS = Object.values(SECRET_PREFIXES);
// One sandbox for the file: the app's env (base URLs) is parsed once per process.
let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

// Each run also puts the sandbox in a token-lifetime profile and error mode (SANDBOX_PROFILE_RUNS).
describe.each(SANDBOX_PROFILE_RUNS)('connecting TikTok accounts ($dbKind, $lifetimes)', (run) => {
  const { dbKind } = run;
  const lifetime = accessLifetimeMs(run);
  let testDb: TestDb;
  let team: WorkspaceWithMembers;

  beforeAll(async () => {
    await applySandboxProfile(stack.sandbox, run);
    testDb = await createTestDb(dbKind);
    team = await createWorkspaceWithMembers(testDb.db, { admins: 1, agents: 1 });
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const owner = () => ({ workspaceId: team.workspaceId, userId: team.owner.id });

  async function connect(
    kind: TikTokAccountKind,
    options: Parameters<typeof consentAndGetCallback>[2] extends infer O ? Partial<O> : never = {},
  ) {
    const user = kind === 'ads' ? null : sandboxUser(stack.sandbox, kind);
    const params = await consentAndGetCallback(testDb.db, stack.sandbox, {
      kind,
      ...owner(),
      sandboxUserId: user?.id,
      ...options,
    });
    const location = await handleConnectCallback(testDb.db, { kind, params, userId: team.owner.id });
    return { user, params, location: new URL(location) };
  }

  function expectNoSecrets(text: string) {
    for (const prefix of SECRETS) expect(text).not.toContain(prefix);
  }

  const rowsOf = (kind: TikTokAccountKind) =>
    testDb.db.select().from(tiktokAccounts).where(eq(tiktokAccounts.kind, kind));

  it('creator: connects with stats, encrypted tokens and an audit event; the redirect carries no secret', async () => {
    const { user, location } = await connect('creator');
    expect(location.pathname).toBe('/accounts');
    expect(location.searchParams.get('connected')).toBe('creator');
    expectNoSecrets(location.toString());
    const [row] = (await rowsOf('creator')).filter((r) => r.tiktokId === user?.openId);
    expect(row?.status).toBe('active');
    expect(row?.username).toBe(user?.username);
    expect(row?.followerCount).toBe(user?.stats.followers);
    expect(row?.scopes.sort()).toEqual([...CREATOR_SCOPES].sort());
    expect(row?.accessToken).not.toContain(SECRET_PREFIXES.loginKitAccess);
    expect(row?.refreshToken).not.toContain(SECRET_PREFIXES.loginKitRefresh);
    expect(row?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 0.9 * lifetime);
    expect(row?.accessTokenExpiresAt?.getTime()).toBeLessThanOrEqual(Date.now() + lifetime);
    const events = await testDb.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, row?.id ?? ''));
    expect(events.map((e) => e.action)).toContain('tiktok_account.connected');
    expectNoSecrets(JSON.stringify(events));
  });

  it('creator: reconnecting the same TikTok user keeps the same row', async () => {
    const user = sandboxUser(stack.sandbox, 'creator');
    const first = await connect('creator', { sandboxUserId: user.id });
    const second = await connect('creator', { sandboxUserId: user.id });
    expect(second.location.searchParams.get('result')).toBe('reconnected');
    expect(second.location.searchParams.get('account')).toBe(first.location.searchParams.get('account'));
    const rows = (await rowsOf('creator')).filter((r) => r.tiktokId === user.openId);
    expect(rows).toHaveLength(1);
  });

  it('business: connects with every required scope and the business profile', async () => {
    const { user, location } = await connect('business');
    expect(location.searchParams.get('connected')).toBe('business');
    const [row] = (await rowsOf('business')).filter((r) => r.tiktokId === user?.openId);
    expect(row?.username).toBe(user?.username);
    expect(row?.followerCount).toBe(user?.stats.followers);
    expect(row?.refreshTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('ads: parks the token until the user picks advertisers, then keeps only the picked ones', async () => {
    const { location } = await connect('ads');
    expect(location.pathname).toBe('/accounts/connect/ads');
    const attemptId = location.searchParams.get('attempt') ?? '';
    expect(await rowsOf('ads')).toHaveLength(0);
    const [state] = await testDb.db.select().from(oauthStates).where(eq(oauthStates.id, attemptId));
    expect(state?.pendingAdvertisers?.map((a) => a.currency)).toEqual(['USD', 'EUR', 'JPY']);
    expect(state?.pendingAccessToken).not.toContain(SECRET_PREFIXES.adsAccess);

    await keepAdvertisers(testDb.db, {
      attemptId,
      ...owner(),
      advertiserIds: ['7300000000000000002', '7300000000000000003'],
    });
    const rows = await rowsOf('ads');
    expect(rows.map((r) => r.tiktokId).sort()).toEqual(['7300000000000000002', '7300000000000000003']);
    expect(rows.find((r) => r.tiktokId === '7300000000000000002')?.timeZone).toBe('Europe/Berlin');
    expect(new Set(rows.map((r) => r.grantId)).size).toBe(1);
    expect(rows[0]?.accessTokenExpiresAt).toBeNull();
    const [cleared] = await testDb.db.select().from(oauthStates).where(eq(oauthStates.id, attemptId));
    expect(cleared?.pendingAccessToken).toBeNull();
    await expect(
      keepAdvertisers(testDb.db, { attemptId, ...owner(), advertiserIds: ['7300000000000000001'] }),
    ).rejects.toThrow(/expired or was already saved/);
  });

  it.each(['creator', 'business', 'ads'] as const)(
    '%s: a user who denies gets access_denied and nothing is stored',
    async (kind) => {
      const before = (await rowsOf(kind)).length;
      const { location, params } = await connect(kind, { decision: 'deny' });
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect((await rowsOf(kind)).length).toBe(before);
      // The attempt is burnt: TikTok's echo of the state cannot be replayed.
      const replay = await handleConnectCallback(testDb.db, {
        kind,
        params: { ...params, error: undefined, code: 'x', auth_code: 'x' },
        userId: team.owner.id,
      });
      expect(new URL(replay).searchParams.get('error')).toBe('invalid_state');
    },
  );

  it.each([
    ['creator', 'user.info.stats'],
    ['business', 'message.list.send'],
  ] as const)('%s: a missing scope is named and nothing is stored', async (kind, dropped) => {
    const before = (await rowsOf(kind)).length;
    const scopes: readonly string[] = kind === 'creator' ? CREATOR_SCOPES : BUSINESS_SCOPES;
    const { location } = await connect(kind, { granted: scopes.filter((s) => s !== dropped) });
    expect(location.searchParams.get('error')).toBe('ungranted_scopes');
    expect(location.searchParams.get('missing')).toBe(dropped);
    expect((await rowsOf(kind)).length).toBe(before);
  });

  it('ads: picking no advertiser is refused (scopes are fixed by the app, the choice is the user’s)', async () => {
    const { location } = await connect('ads');
    const attemptId = location.searchParams.get('attempt') ?? '';
    await expect(keepAdvertisers(testDb.db, { attemptId, ...owner(), advertiserIds: [] })).rejects.toThrow(
      /at least one/,
    );
  });

  it.each(['creator', 'business', 'ads'] as const)('%s: a replayed state is refused', async (kind) => {
    const { params } = await connect(kind);
    const replay = await handleConnectCallback(testDb.db, { kind, params, userId: team.owner.id });
    expect(new URL(replay).searchParams.get('error')).toBe('invalid_state');
  });

  it.each(['creator', 'business', 'ads'] as const)(
    '%s: a state from another user is refused and stays usable by its owner',
    async (kind) => {
      const user = kind === 'ads' ? null : sandboxUser(stack.sandbox, kind);
      const params = await consentAndGetCallback(testDb.db, stack.sandbox, {
        kind,
        ...owner(),
        sandboxUserId: user?.id,
      });
      const stolen = await handleConnectCallback(testDb.db, {
        kind,
        params,
        userId: team.admins[0]?.id ?? '',
      });
      expect(new URL(stolen).searchParams.get('error')).toBe('invalid_state');
      const rightful = await handleConnectCallback(testDb.db, { kind, params, userId: team.owner.id });
      expect(new URL(rightful).searchParams.get('error')).toBeNull();
    },
  );

  it.each(['creator', 'business', 'ads'] as const)(
    '%s: a reused code fails the token exchange (invalid_grant)',
    async (kind) => {
      const { params } = await connect(kind);
      const user = kind === 'ads' ? null : sandboxUser(stack.sandbox, kind);
      const fresh = await consentAndGetCallback(testDb.db, stack.sandbox, {
        kind,
        ...owner(),
        sandboxUserId: user?.id,
      });
      const reused = {
        ...fresh,
        code: params.code ?? '',
        ...(kind === 'ads' ? { auth_code: params.auth_code ?? '' } : {}),
      };
      const location = await handleConnectCallback(testDb.db, {
        kind,
        params: reused,
        userId: team.owner.id,
      });
      expect(new URL(location).searchParams.get('error')).toBe('token_exchange_failed');
    },
  );

  it.each([
    ['creator', { endpoint: 'open-api.user.info', status: 500, count: 5 }],
    ['business', { endpoint: 'business.get', errorCode: 50000, count: 5 }],
    ['ads', { endpoint: 'marketing.oauth.advertiser.get', errorCode: 50000, count: 5 }],
  ] as const)('%s: a failing profile call ends in profile_failed, after retries', async (kind, fault) => {
    await stack.clearRequests();
    await stack.addFault(fault);
    const before = (await rowsOf(kind)).length;
    const { location } = await connect(kind);
    expect(location.searchParams.get('error')).toBe('profile_failed');
    expect(await stack.requestCount(fault.endpoint)).toBe(3);
    expect((await rowsOf(kind)).length).toBe(before);
    await fetch(`${stack.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
  });

  it('missing parameters, an expired attempt and a signed-out browser each get their own code', async () => {
    const missing = await handleConnectCallback(testDb.db, {
      kind: 'creator',
      params: { state: 'x' },
      userId: team.owner.id,
    });
    expect(new URL(missing).searchParams.get('error')).toBe('missing_parameters');

    const user = sandboxUser(stack.sandbox, 'creator');
    const params = await consentAndGetCallback(testDb.db, stack.sandbox, {
      kind: 'creator',
      ...owner(),
      sandboxUserId: user.id,
    });
    const signedOut = await handleConnectCallback(testDb.db, { kind: 'creator', params, userId: null });
    expect(new URL(signedOut).searchParams.get('error')).toBe('session_expired');
    await testDb.db.update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) });
    const expired = await handleConnectCallback(testDb.db, {
      kind: 'creator',
      params,
      userId: team.owner.id,
    });
    expect(new URL(expired).searchParams.get('error')).toBe('session_expired');
  });

  it('agents cannot start a connection', async () => {
    const { startConnection } = await import('@/lib/connect/start-connection');
    await expect(
      startConnection(testDb.db, {
        workspaceId: team.workspaceId,
        userId: team.agents[0]?.id ?? '',
        kind: 'creator',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
