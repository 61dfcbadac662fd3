import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTryLaterError } from '@/lib/errors/try-later-error';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { revokeAccessToken } from '@/lib/tiktok/login-kit/revoke-access-token';
import { connectCreator } from '@/sandbox/login-kit/testing';
import type { RunningSandbox } from '@/sandbox/server';
import { startSandbox } from '@/sandbox/server';
import { closedPort } from '@/tests/helpers/closed-port';

// Redis is where every instance's capacity is counted; without it a call cannot know whether it
// may go out. It waits (TIKTOK_PACING_REDIS_WAIT_MS), then the caller is told to come back later,
// and TikTok sees nothing.
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null, publishStageMs: 20 });
  Object.assign(process.env, {
    TIKTOK_AUTH_BASE_URL: sandbox.url,
    TIKTOK_OPEN_API_BASE_URL: sandbox.url,
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await closedPort()}`,
    UPSTASH_REDIS_REST_TOKEN: 'nobody-listens',
    TIKTOK_PACING_REDIS_WAIT_MS: '400',
  });
});
afterAll(async () => {
  await sandbox.close();
});

const userInfoCalls = async () => {
  const response = await fetch(`${sandbox.url}/_sandbox/requests?limit=1`);
  return ((await response.json()) as { counts: Record<string, number> }).counts['open-api.user.info'] ?? 0;
};

describe('outbound pacing with Redis unreachable', () => {
  it('holds a paced call for the bound, then throws TryLaterError without calling TikTok', async () => {
    const { tokens } = await connectCreator(sandbox);
    const started = Date.now();
    let thrown: unknown;
    try {
      await getUserInfo({ accessToken: tokens.access_token, scopes: ['user.info.basic'] });
    } catch (error) {
      thrown = error;
    }
    expect(isTryLaterError(thrown)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await userInfoCalls()).toBe(0);
    // An endpoint with no documented limit has nothing to count, so it does not depend on Redis.
    await expect(revokeAccessToken(tokens.access_token)).resolves.toBeUndefined();
  });
});
