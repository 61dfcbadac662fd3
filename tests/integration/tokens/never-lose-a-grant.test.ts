import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectTiktokAccount } from '@/lib/accounts/disconnect-tiktok-account';
import { markAccountDisconnected } from '@/lib/accounts/mark-account-disconnected';
import { ENCRYPTED_COLUMNS } from '@/lib/crypto/encrypted-columns';
import { createKeyring } from '@/lib/crypto/keyring';
import { rotateEncryptionKeys } from '@/lib/crypto/rotate-encryption-keys';
import { encryptSecret } from '@/lib/crypto/token-cipher';
import { auditEvents, tiktokAccounts, webhookEvents } from '@/lib/db/schema';
import { WEBHOOK_EVENT_HANDLERS } from '@/lib/job-handlers';
import { openAccountToken } from '@/lib/tokens/account-token-columns';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { readTokenRow } from '@/lib/tokens/read-token-row';
import { refreshAccountTokens } from '@/lib/tokens/refresh-account-tokens';
import { AccountNeedsReconnectError, TokenRefreshFailedError } from '@/lib/tokens/token-errors';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { signatureFor, webhookBody } from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

// Two keys, so key rotation has something to do while the app keeps reading both.
const keyA = { kid: 'ka', key: randomBytes(32) };
const keyB = { kid: 'kb', key: randomBytes(32) };
process.env.TOKEN_ENCRYPTION_KEYS = [keyA, keyB]
  .map(({ kid, key }) => `${kid}:${key.toString('base64')}`)
  .join(',');
const ringB = createKeyring([keyB, keyA]);
const ringA = createKeyring([keyA, keyB]);
const ACCOUNT_COLUMNS = ENCRYPTED_COLUMNS.filter((column) => column.table === 'tiktok_accounts');

const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

describe.each(TEST_DB_KINDS)('tokens never lose a grant (%s)', (dbKind) => {
  let testDb: TestDb;
  let team: WorkspaceWithMembers;

  beforeAll(async () => {
    testDb = await createTestDb(dbKind);
    team = await createWorkspaceWithMembers(testDb.db);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const connect = (kind: 'creator' | 'business' = 'creator', sandboxUserId?: string) =>
    connectTestAccount(testDb.db, stack.sandbox, {
      kind,
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      sandboxUserId,
    });
  // Row by row: one statement locking many rows in its own order could deadlock with key rotation.
  const expire = async (ids: string[]) => {
    for (const id of ids) {
      await testDb.db
        .update(tiktokAccounts)
        .set({ accessTokenExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(tiktokAccounts.id, id));
    }
  };
  const row = async (id: string) =>
    (await testDb.db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, id)))[0];
  const auditsOf = (id: string, action: 'tiktok_account.needs_reconnect' | 'tiktok_account.disconnected') =>
    testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, action)));

  it('key rotation running in a loop while 200 refreshes happen: every account still refreshes afterwards', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 20; index++) ids.push((await connect()).id);
    // A little TikTok latency widens each refresh's read → write window, as production traffic does.
    await stack.addFault({ endpoint: 'oauth.token', latencyMs: 20, count: 10_000 });
    let rotating = true;
    let passes = 0;
    const rotation = (async () => {
      while (rotating) {
        await rotateEncryptionKeys({
          db: testDb.db,
          keyring: passes++ % 2 === 0 ? ringB : ringA,
          columns: ACCOUNT_COLUMNS,
          batchSize: 10,
        });
        // PGlite runs in this process and answers without yielding to the event loop: let I/O in.
        await sleep(50);
      }
    })();
    const failures: unknown[] = [];
    try {
      for (let round = 0; round < 10; round++) {
        await expire(ids);
        const results = await Promise.allSettled(
          ids.map((id) => getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY })),
        );
        failures.push(...results.filter((result) => result.status === 'rejected'));
      }
    } finally {
      rotating = false;
      await rotation;
      await stack.clearFaults();
    }
    expect(passes).toBeGreaterThan(2);
    expect(failures).toEqual([]);

    // Afterwards: every stored refresh token is the live one, so every account refreshes again.
    await expire(ids);
    const after = await Promise.allSettled(
      ids.map((id) => getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY })),
    );
    expect(after.filter((result) => result.status === 'rejected')).toEqual([]);
    const rows = await testDb.db.select().from(tiktokAccounts).where(inArray(tiktokAccounts.id, ids));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'active'));
    for (const id of ids) expect(await auditsOf(id, 'tiktok_account.needs_reconnect')).toHaveLength(0);
  }, 180_000);

  it('a refresh whose row was disconnected meanwhile reports failure, not a token that was never saved', async () => {
    const { id, user } = await connect();
    await expire([id]);
    await stack.addFault({ endpoint: 'oauth.token', latencyMs: 400, count: 1 });
    const pending = getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY });
    await sleep(100);
    // TikTok's authorization.removed lands while the refresh is on its way.
    await markAccountDisconnected(testDb.db, { openId: user?.openId, reason: 1 });
    await expect(pending).rejects.toBeInstanceOf(AccountNeedsReconnectError);
    expect(await row(id)).toMatchObject({ status: 'disconnected', accessToken: null, refreshToken: null });
  });

  it('a refresh pushed past its lock by TikTok latency ends before the lock does; the next holder refreshes and the account stays healthy', async () => {
    const { id } = await connect();
    await expire([id]);
    await stack.clearRequests();
    // The first refresh call hangs 1.5 s at TikTok, longer than the 1 s lock.
    await stack.addFault({ endpoint: 'oauth.token', latencyMs: 1500, count: 1 });
    const asInstance = { redis: stack.redis, lockTtlMs: 1000, retry: FAST_RETRY, shareInFlight: false };
    const first = getAccessToken(testDb.db, id, asInstance).then(
      (token) => ({ token }),
      (error: unknown) => ({ error }),
    );
    await sleep(1100);
    // Another instance arrives once the first one's lock has run out.
    const second = await getAccessToken(testDb.db, id, asInstance);
    const firstOutcome = await first;
    if ('error' in firstOutcome) expect(firstOutcome.error).toBeInstanceOf(TokenRefreshFailedError);
    else expect(firstOutcome.token).toBe(second);
    // Let TikTok finish the slow call (it arrives with the already rotated refresh token).
    await sleep(800);

    const stored = await row(id);
    expect(stored?.status).toBe('active');
    expect(openAccountToken(id, 'access_token', stored?.accessToken ?? '')).toBe(second);
    expect(await auditsOf(id, 'tiktok_account.needs_reconnect')).toHaveLength(0);
    await expire([id]);
    expect(await getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY })).not.toBe(second);
  });

  it('invalid_grant after another writer stored a new pair meanwhile: their token is used, nothing is marked', async () => {
    const { id } = await connect();
    await expire([id]);
    await stack.addFault({ endpoint: 'oauth.token', latencyMs: 500, count: 1 });
    const slow = getAccessToken(testDb.db, id, { redis: stack.redis, retry: FAST_RETRY });
    await sleep(100);
    // A writer that did not see the lock (say its lock store failed over) refreshes and saves first.
    const row0 = await readTokenRow(testDb.db, id);
    if (!row0) throw new Error('account row missing');
    const theirs = await refreshAccountTokens(testDb.db, { row: row0, retry: FAST_RETRY });

    expect(await slow).toBe(theirs);
    expect((await row(id))?.status).toBe('active');
    expect(await auditsOf(id, 'tiktok_account.needs_reconnect')).toHaveLength(0);
  });

  it('a stale authorization.removed (from before a reconnect) leaves the new grant alone; a fresh one applies', async () => {
    const { id, user } = await connect();
    if (!user) throw new Error('no sandbox user');
    await disconnectTiktokAccount(testDb.db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      accountId: id,
    });
    // TikTok issues the removal of the first grant now, but delivers it late (retries run for days).
    const issuedAt = Math.floor(Date.now() / 1000);
    // A person's trip through TikTok's consent page takes longer than the rest of this second.
    await sleep(1000 - (Date.now() % 1000) + 10);
    await connect('creator', user.id);
    expect((await row(id))?.status).toBe('active');

    const deliver = async (createTime: number) => {
      const body = webhookBody({ openId: user.openId, content: { reason: 1 }, createTime });
      const { eventId } = await ingestWebhookEvent(testDb.db, {
        source: 'tiktok',
        rawBody: Buffer.from(body),
        signature: signatureFor(body),
      });
      await processWebhookEvent(testDb.db, {
        eventId: eventId ?? '',
        attempt: 1,
        maxAttempts: 10,
        handlers: WEBHOOK_EVENT_HANDLERS,
      });
      const [event] = await testDb.db
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.id, eventId ?? ''));
      return event;
    };

    const stale = await deliver(issuedAt);
    expect(stale?.status).toBe('processed');
    expect(stale?.note).toContain('reconnected after TikTok issued this event');
    const kept = await row(id);
    expect(kept?.status).toBe('active');
    expect(openAccountToken(id, 'access_token', kept?.accessToken ?? '')).toMatch(/^act\./);

    // A removal of the new grant still disconnects it, even within the second of the reconnect.
    const fresh = await deliver(Math.floor(Date.now() / 1000));
    expect(fresh?.note).toContain('Account disconnected in one workspace.');
    expect(await row(id)).toMatchObject({ status: 'disconnected', accessToken: null, refreshToken: null });
  });

  it('an account whose tokens no key can open can still be disconnected: revoke skipped and audited', async () => {
    const { id } = await connect();
    const lostKey = createKeyring([{ kid: 'retired', key: randomBytes(32) }]);
    const sealLost = (column: 'access_token' | 'refresh_token') =>
      encryptSecret({
        plaintext: `${column} under a key nobody has`,
        context: { table: 'tiktok_accounts', column, rowId: id },
        keyring: lostKey,
      });
    await testDb.db
      .update(tiktokAccounts)
      .set({
        accessToken: sealLost('access_token'),
        refreshToken: sealLost('refresh_token'),
        // Expired, so the disconnect would first try to refresh (which needs the refresh token).
        accessTokenExpiresAt: new Date(Date.now() - 1000),
      })
      .where(eq(tiktokAccounts.id, id));
    await stack.clearRequests();

    const result = await disconnectTiktokAccount(testDb.db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      accountId: id,
    });
    expect(result.revoke).toBe('skipped');
    expect(await stack.requestCount('oauth.revoke')).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'disconnected', accessToken: null, refreshToken: null });
    const [audit] = await auditsOf(id, 'tiktok_account.disconnected');
    expect(audit?.metadata).toMatchObject({ reason: 'disconnected_by_user' });
    expect(String(audit?.metadata.revokeSkipped)).toContain('unreadable');
  });
});
