import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAccountDisconnected } from '@/lib/accounts/mark-account-disconnected';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { auditEvents, type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import { isAppError } from '@/lib/errors/app-error';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { getBusinessAccount } from '@/lib/tiktok/business-messaging/get-business-account';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { getAdvertiserInfo } from '@/lib/tiktok/marketing/get-advertiser-info';
import { AccountNeedsReconnectError } from '@/lib/tokens/token-errors';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

describe.each(TEST_DB_KINDS)('withAccountToken (%s)', (dbKind) => {
  let testDb: TestDb;
  let team: WorkspaceWithMembers;
  let other: WorkspaceWithMembers;

  beforeAll(async () => {
    testDb = await createTestDb(dbKind);
    team = await createWorkspaceWithMembers(testDb.db);
    other = await createWorkspaceWithMembers(testDb.db);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const connect = (kind: TikTokAccountKind) =>
    connectTestAccount(testDb.db, stack.sandbox, {
      kind,
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
  const scoped = (accountId: string) => ({ workspaceId: team.workspaceId, accountId, redis: stack.redis });
  const control = (path: string, body: unknown) =>
    fetch(`${stack.sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
  const row = async (id: string) =>
    (await testDb.db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, id)))[0];
  const needsReconnectEvents = (id: string) =>
    testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, 'tiktok_account.needs_reconnect')));
  const userInfo = (accessToken: string) =>
    getUserInfo({ accessToken, scopes: ['user.info.basic', 'user.info.profile'] });

  it('runs fn with a live token and the account; another workspace’s account is a 404 and fn never runs', async () => {
    const { id, user } = await connect('creator');
    const profile = await withAccountToken(testDb.db, scoped(id), async (accessToken, account) => {
      expect(account).toMatchObject({ id, workspaceId: team.workspaceId, kind: 'creator' });
      expect(account).not.toHaveProperty('accessToken');
      return userInfo(accessToken);
    });
    expect(profile.username).toBe(user?.username);

    let called = false;
    const foreign = withAccountToken(
      testDb.db,
      { workspaceId: other.workspaceId, accountId: id },
      async () => {
        called = true;
      },
    );
    await expect(foreign).rejects.toMatchObject({ code: 'not_found', status: 404 });
    expect(called).toBe(false);
  });

  it('a token TikTok refuses before its expiry: one refresh, one retry, and the call succeeds', async () => {
    const { id, user } = await connect('creator');
    const before = await row(id);
    let stale = '';
    await withAccountToken(testDb.db, scoped(id), async (accessToken) => {
      stale = accessToken;
    });
    await control('tokens/invalidate', { token: stale });
    await stack.clearRequests();

    const tokens: string[] = [];
    const profile = await withAccountToken(testDb.db, scoped(id), async (accessToken) => {
      tokens.push(accessToken);
      return userInfo(accessToken);
    });
    expect(profile.username).toBe(user?.username);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(stale);
    expect(tokens[1]).not.toBe(stale);
    expect(await stack.requestCount('oauth.token')).toBe(1);
    const after = await row(id);
    expect(after?.status).toBe('active');
    expect(after?.tokenVersion).toBeGreaterThan(before?.tokenVersion ?? 0);
  });

  it('20 concurrent calls refused with the same token share a single refresh', async () => {
    const { id } = await connect('creator');
    let stale = '';
    await withAccountToken(testDb.db, scoped(id), async (accessToken) => {
      stale = accessToken;
    });
    await control('tokens/invalidate', { token: stale });
    await stack.clearRequests();
    // What a job does with a TryLaterError: the limiter hands back a slot it woke up too late for
    // (PGlite's WASM blocks the event loop on a loaded machine) and asks to come back shortly.
    const asAJobWould = async () => {
      for (let snoozes = 0; ; snoozes += 1) {
        try {
          return await withAccountToken(testDb.db, scoped(id), userInfo);
        } catch (error) {
          if (!(error instanceof TryLaterError) || snoozes >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, error.delayMs));
        }
      }
    };
    const results = await Promise.all(Array.from({ length: 20 }, asAJobWould));
    expect(results).toHaveLength(20);
    expect(await stack.requestCount('oauth.token')).toBe(1);
  });

  it('a grant revoked at TikTok: needs_reconnect once, with an audit event, and one typed error', async () => {
    const { id, user } = await connect('creator');
    await control('authorizations/revoke', { openId: user?.openId, reason: 1 });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => withAccountToken(testDb.db, scoped(id), userInfo)),
    );
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(AccountNeedsReconnectError);
      expect(isAppError(reason) && reason.code).toBe('account_needs_reconnect');
    }
    expect(await row(id)).toMatchObject({ status: 'needs_reconnect', statusReason: 'refresh_token_invalid' });
    expect(await needsReconnectEvents(id)).toHaveLength(1);
  });

  it('refused again after a successful refresh: the grant is lost (access_token_invalid)', async () => {
    const { id } = await connect('creator');
    await stack.addFault({
      endpoint: 'open-api.user.info',
      status: 401,
      errorCode: 'access_token_invalid',
      count: 2,
    });
    await stack.clearRequests();
    await expect(withAccountToken(testDb.db, scoped(id), userInfo)).rejects.toBeInstanceOf(
      AccountNeedsReconnectError,
    );
    expect(await stack.requestCount('open-api.user.info')).toBe(2);
    expect(await stack.requestCount('oauth.token')).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'needs_reconnect', statusReason: 'access_token_invalid' });
    expect((await needsReconnectEvents(id))[0]?.metadata).toMatchObject({
      tiktokCode: 'access_token_invalid',
    });
  });

  it('business: an access token TikTok already expired (40102) is refreshed and the call retried', async () => {
    const { id, user } = await connect('business');
    await control('business/tokens/expire', { businessOpenId: user?.openId });
    await stack.clearRequests();
    const account = await withAccountToken(testDb.db, scoped(id), (accessToken, { tiktokId }) =>
      getBusinessAccount({ accessToken, businessId: tiktokId }),
    );
    expect(account.username).toBe(user?.username);
    expect(await stack.requestCount('business.oauth.refresh')).toBe(1);
    expect((await row(id))?.status).toBe('active');
  });

  it('ads: a revoked token (40105) has no refresh, so the account needs reconnecting at once', async () => {
    const { id } = await connect('ads');
    let token = '';
    await withAccountToken(testDb.db, scoped(id), async (accessToken) => {
      token = accessToken;
    });
    await control('marketing/tokens/invalidate', { accessToken: token });
    const call = withAccountToken(testDb.db, scoped(id), (accessToken, { tiktokId }) =>
      getAdvertiserInfo({ accessToken, advertiserIds: [tiktokId] }),
    );
    await expect(call).rejects.toBeInstanceOf(AccountNeedsReconnectError);
    expect(await row(id)).toMatchObject({ status: 'needs_reconnect', statusReason: 'access_token_invalid' });
  });

  it('ads: a transient Marketing API error is retried; an aborted job call never reaches TikTok', async () => {
    const { id } = await connect('ads');
    const before = await stack.requestCount('marketing.advertiser.info');
    await stack.addFault({ endpoint: 'marketing.advertiser.info', errorCode: 50000, count: 1 });
    const [info] = await withAccountToken(testDb.db, scoped(id), (accessToken, { tiktokId }) =>
      getAdvertiserInfo({ accessToken, advertiserIds: [tiktokId] }),
    );
    expect(info?.advertiserId).toBeTruthy();
    expect(await stack.requestCount('marketing.advertiser.info')).toBe(before + 2);

    const aborted = AbortSignal.abort(new Error('job lease lost'));
    const call = withAccountToken(testDb.db, scoped(id), (accessToken, { tiktokId }) =>
      getAdvertiserInfo({ accessToken, advertiserIds: [tiktokId], signal: aborted }),
    );
    await expect(call).rejects.toThrow();
    expect(await stack.requestCount('marketing.advertiser.info')).toBe(before + 2);
  });

  it('TryLaterError from fn passes through untouched, with no refresh and no retry', async () => {
    const { id } = await connect('creator');
    const later = new TryLaterError('The outbound bucket is empty.', 1500);
    let calls = 0;
    await stack.clearRequests();
    const call = withAccountToken(testDb.db, scoped(id), async () => {
      calls += 1;
      throw later;
    });
    await expect(call).rejects.toBe(later);
    expect(calls).toBe(1);
    expect(await stack.requestCount('oauth.token')).toBe(0);
    expect((await row(id))?.status).toBe('active');
  });

  it('refuses the wrong kind (422) and a disconnected account (account_needs_reconnect) before calling fn', async () => {
    const { id, user } = await connect('creator');
    let called = false;
    const fn = async () => {
      called = true;
    };
    await expect(
      withAccountToken(testDb.db, { ...scoped(id), kinds: ['business'] }, fn),
    ).rejects.toMatchObject({ code: 'unprocessable_entity' });
    await markAccountDisconnected(testDb.db, { openId: user?.openId, reason: 1 });
    await expect(withAccountToken(testDb.db, scoped(id), fn)).rejects.toMatchObject({
      code: 'account_needs_reconnect',
    });
    expect(called).toBe(false);
  });
});
