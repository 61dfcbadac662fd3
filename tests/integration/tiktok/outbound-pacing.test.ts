import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeAuthCode } from '@/lib/tiktok/marketing/exchange-auth-code';
import { RATE_LIMIT_BUCKETS } from '@/lib/tiktok/pacing/rate-limits';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import type { HammerResult, hammerAdvertiserInfo } from './support/hammer';

// The Marketing API's app-wide Basic tier: 10 requests per second, 600 per minute, shared by every
// instance of the app. Two app processes hammer the same endpoint for a few seconds; only a limiter
// shared through Redis keeps them under the sandbox's limit (set to the documented one) together.
// This process only hosts the sandbox and the Redis endpoint, so its event loop stays responsive.
const QPS = RATE_LIMIT_BUCKETS['business-api.qps'].limit;
const QPM = RATE_LIMIT_BUCKETS['business-api.qpm'].limit;
const DURATION_MS = 6000;
// The sandbox reads its clock when its handler runs. On a loaded CI machine that can lag the send
// by a few hundred milliseconds, so the window margin (TIKTOK_PACING_SKEW_MS, normally 50 ms for
// network jitter) is wider in the app processes here; it is not what this test is about.
const SKEW_MS = 250;

let stack: TikTokStack;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // An Ads app of its own: the app-wide buckets are keyed by app id, and other test files running
  // at the same time use the default app (the sandbox and the app both read these variables).
  process.env.TIKTOK_ADS_APP_ID = `79${randomInt(1e8, 1e9)}${randomInt(1e8, 1e9)}`;
  process.env.TIKTOK_ADS_APP_SECRET = `sbx-secret-pacing-${randomUUID()}`;
  stack = await startTikTokStack();
});
afterAll(async () => {
  for (const child of children) child.kill();
  await stack.close();
});

async function sandboxJson(path: string, body?: unknown) {
  const response = await fetch(`${stack.sandbox.url}/_sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Starts an app process; `ready` resolves once it has loaded the app code and waits for "go". */
function startInstance(input: Parameters<typeof hammerAdvertiserInfo>[0]) {
  const spawned = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'tests/integration/tiktok/support/hammer-process.ts'],
    {
      env: { ...process.env, HAMMER_INPUT: JSON.stringify(input), TIKTOK_PACING_SKEW_MS: String(SKEW_MS) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.push(spawned);
  const lines = createInterface({ input: spawned.stdout });
  let resolveResult: (result: HammerResult) => void;
  const result = new Promise<HammerResult>((resolve, reject) => {
    resolveResult = resolve;
    spawned.once('exit', (code) => reject(new Error(`second instance exited with ${code}`)));
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('second instance did not start')), 60_000);
    lines.on('line', (line) => {
      if (line === 'ready') {
        clearTimeout(timer);
        resolve();
      }
      if (line.startsWith('result ')) resolveResult(JSON.parse(line.slice(7)) as HammerResult);
    });
  });
  return { ready, go: () => spawned.stdin.write('go\n'), result };
}

describe('outbound pacing across processes', () => {
  it('two processes hammering one endpoint stay within the app-wide limit together: zero 429s, near the rate', {
    timeout: 120_000,
  }, async () => {
    await sandboxJson('marketing/rate-limit', { qps: QPS, qpm: QPM });
    const { authCode, advertiserIds } = (await sandboxJson('marketing/auth-code', {
      appId: process.env.TIKTOK_ADS_APP_ID,
    })) as { authCode: string; advertiserIds: string[] };
    const { accessToken } = await exchangeAuthCode(authCode);
    const input = {
      accessToken,
      advertiserId: advertiserIds[0] ?? '',
      durationMs: DURATION_MS,
      concurrency: 4,
    };

    const instances = [startInstance(input), startInstance(input)];
    await Promise.all(instances.map((instance) => instance.ready));
    await stack.clearRequests();
    for (const instance of instances) instance.go();
    const [one, two] = (await Promise.all(instances.map((instance) => instance.result))) as [
      HammerResult,
      HammerResult,
    ];

    // Nothing the sandbox refused (40100), in either process.
    expect(one.rateLimited).toBe(0);
    expect(two.rateLimited).toBe(0);
    // Both really took part: they shared the quota instead of each taking it whole.
    expect(one.ok).toBeGreaterThan(0);
    expect(two.ok).toBeGreaterThan(0);
    const { requests } = (await sandboxJson('requests?endpoint=marketing.advertiser.info&limit=5000')) as {
      requests: unknown[];
    };
    expect(requests.length).toBe(one.ok + two.ok);
    // Not throttled into uselessness either: at least 60 % of what the limit allows in the run.
    const allowed = QPS * (DURATION_MS / (1000 + SKEW_MS));
    expect(requests.length).toBeGreaterThanOrEqual(Math.floor(allowed * 0.6));
    console.info(
      `[pacing] ${requests.length} calls in ${DURATION_MS} ms across two processes (${one.ok} + ${two.ok}); ` +
        `the limit with a ${SKEW_MS} ms margin allows about ${Math.round(allowed)}; snoozes ${one.snoozed + two.snoozed}`,
    );
  });
});
