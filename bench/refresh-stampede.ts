import { eq } from 'drizzle-orm';
import { handleConnectCallback } from '@/lib/accounts/handle-connect-callback';
import { createDb } from '@/lib/db/create-db';
import { migrateDb } from '@/lib/db/migrate-db';
import { tiktokAccounts } from '@/lib/db/schema';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { createTestUser } from '@/tests/factories/create-user';
import { consentAndGetCallback, sandboxUser } from '@/tests/helpers/connect-flow';
import { startTikTokStack } from '@/tests/helpers/tiktok-stack';

/**
 * Refresh stampede: N concurrent `getAccessToken` calls on an account whose access token has just
 * expired, through the real lock (local Upstash endpoint, real Redis when reachable), against the
 * sandbox. Quality bar: exactly one refresh call per round, every caller gets the same new token.
 * Usage: npm run bench -- refresh-stampede [callers=500] [rounds=5]
 */
const callers = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 5);

const stack = await startTikTokStack();
const handle = await createDb({ url: process.env.BENCH_DATABASE_URL, pgliteDir: 'memory://' });
await migrateDb(handle);
const { db } = handle;

const owner = await createTestUser(db, { name: 'Bench owner' });
const creator = sandboxUser(stack.sandbox, 'creator');
const params = await consentAndGetCallback(db, stack.sandbox, {
  kind: 'creator',
  workspaceId: owner.workspaceId,
  userId: owner.id,
  sandboxUserId: creator.id,
});
const accountId = new URL(
  await handleConnectCallback(db, { kind: 'creator', params, userId: owner.id }),
).searchParams.get('account');
if (!accountId) throw new Error('connecting the bench account failed');

const waits: number[] = [];
let refreshCalls = 0;
let distinctTokensMax = 0;
let failures = 0;
for (let round = 0; round < rounds; round++) {
  await db
    .update(tiktokAccounts)
    .set({ accessTokenExpiresAt: new Date(Date.now() - 1000) })
    .where(eq(tiktokAccounts.id, accountId));
  await stack.clearRequests();
  const results = await Promise.allSettled(
    Array.from({ length: callers }, async () => {
      const started = performance.now();
      const token = await getAccessToken(db, accountId, { redis: stack.redis });
      waits.push(performance.now() - started);
      return token;
    }),
  );
  failures += results.filter((result) => result.status === 'rejected').length;
  const tokens = new Set(results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])));
  distinctTokensMax = Math.max(distinctTokensMax, tokens.size);
  refreshCalls += await stack.requestCount('oauth.token');
}

waits.sort((a, b) => a - b);
const percentile = (p: number) =>
  waits[Math.min(waits.length - 1, Math.floor((p / 100) * waits.length))] ?? 0;
const summary = {
  bench: 'refresh-stampede',
  callers,
  rounds,
  refreshCalls,
  refreshCallsPerRound: refreshCalls / rounds,
  sameTokenForAll: distinctTokensMax === 1,
  failures,
  p50WaitMs: Number(percentile(50).toFixed(1)),
  p99WaitMs: Number(percentile(99).toFixed(1)),
  maxWaitMs: Number((waits.at(-1) ?? 0).toFixed(1)),
  database: handle.mode === 'embedded' ? 'pglite' : 'postgres',
  kv: stack.kv.backend,
};
console.table({
  callers: summary.callers,
  rounds: summary.rounds,
  'refresh calls (total)': summary.refreshCalls,
  'refresh calls per round': summary.refreshCallsPerRound,
  'same token for all': summary.sameTokenForAll,
  failures: summary.failures,
  'p50 wait (ms)': summary.p50WaitMs,
  'p99 wait (ms)': summary.p99WaitMs,
  'max wait (ms)': summary.maxWaitMs,
  database: summary.database,
  kv: summary.kv,
});
await stack.close();
await handle.close();
console.log(JSON.stringify(summary));
process.exit(summary.refreshCallsPerRound === 1 && summary.sameTokenForAll && failures === 0 ? 0 : 1);
