import { eq } from 'drizzle-orm';
import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
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

type Mode = { name: string; expire: boolean; shareInFlight: boolean };
const MODES: Mode[] = [
  // The baseline: the same callers when the token is still valid (no refresh, no lock).
  { name: 'baseline: valid token', expire: false, shareInFlight: true },
  { name: 'expired, callers in one instance', expire: true, shareInFlight: true },
  { name: 'expired, callers as separate instances', expire: true, shareInFlight: false },
];

async function measure(mode: Mode) {
  const waits: number[] = [];
  let refreshCalls = 0;
  let distinctTokensMax = 0;
  let failures = 0;
  for (let round = 0; round < rounds; round++) {
    if (mode.expire) {
      await db
        .update(tiktokAccounts)
        .set({ accessTokenExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(tiktokAccounts.id, accountId as string));
    }
    await stack.clearRequests();
    const results = await Promise.allSettled(
      Array.from({ length: callers }, async () => {
        const started = performance.now();
        const token = await getAccessToken(db, accountId as string, {
          redis: stack.redis,
          shareInFlight: mode.shareInFlight,
        });
        waits.push(performance.now() - started);
        return token;
      }),
    );
    failures += results.filter((result) => result.status === 'rejected').length;
    const tokens = new Set(
      results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    );
    distinctTokensMax = Math.max(distinctTokensMax, tokens.size);
    refreshCalls += await stack.requestCount('oauth.token');
  }
  waits.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Number((waits[Math.min(waits.length - 1, Math.floor((p / 100) * waits.length))] ?? 0).toFixed(1));
  return {
    mode: mode.name,
    refreshCallsPerRound: refreshCalls / rounds,
    sameTokenForAll: distinctTokensMax === 1,
    failures,
    p50WaitMs: percentile(50),
    p99WaitMs: percentile(99),
    maxWaitMs: Number((waits.at(-1) ?? 0).toFixed(1)),
  };
}

const results = [];
for (const mode of MODES) results.push(await measure(mode));
const stampedes = results.filter((result) => result.mode.startsWith('expired'));
const summary = {
  bench: 'refresh-stampede',
  callers,
  rounds,
  database: handle.mode === 'embedded' ? 'pglite' : 'postgres',
  kv: stack.kv.backend,
  results,
  targets: {
    exactlyOneRefreshPerStampede: stampedes.every((result) => result.refreshCallsPerRound === 1),
    everyCallerGetsTheNewToken: stampedes.every((result) => result.sameTokenForAll && result.failures === 0),
  },
};
console.log(`${callers} concurrent callers × ${rounds} rounds (${summary.database}, ${summary.kv} Redis)`);
console.table(
  Object.fromEntries(
    results.map((result) => [
      result.mode,
      {
        'refresh calls / round': result.refreshCallsPerRound,
        'same token': result.sameTokenForAll,
        failures: result.failures,
        'p50 wait ms': result.p50WaitMs,
        'p99 wait ms': result.p99WaitMs,
        'max wait ms': result.maxWaitMs,
      },
    ]),
  ),
);
await stack.close();
await handle.close();
console.log(JSON.stringify(summary));
process.exit(
  summary.targets.exactlyOneRefreshPerStampede && summary.targets.everyCallerGetsTheNewToken ? 0 : 1,
);
