import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
import { tiktokAccounts } from '@/lib/db/schema';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { nowMs } from '@/lib/time/clock';
import { moveAppClock } from '@/lib/time/move-app-clock';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { consentAndGetCallback, sandboxUser } from '@/tests/helpers/connect-flow';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import { resetClocks, travelInTime } from '@/tests/helpers/time-travel';

const DAY_MS = 86_400_000;
// Read when `env` is first parsed, which happens after this module body runs.
process.env.TIME_TRAVEL = '1';

let stack: TikTokStack;
let testDb: TestDb;
beforeAll(async () => {
  stack = await startTikTokStack();
  testDb = await createTestDb('pglite');
});
afterEach(() => resetClocks(stack.sandbox));
afterAll(async () => {
  await testDb?.drop();
  await stack?.close();
});

describe('time travel', () => {
  it('moving the sandbox and app clocks together: a token expired on both sides is refreshed and TikTok accepts the new one', async () => {
    const team = await createWorkspaceWithMembers(testDb.db);
    const user = sandboxUser(stack.sandbox, 'creator');
    const params = await consentAndGetCallback(testDb.db, stack.sandbox, {
      kind: 'creator',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      sandboxUserId: user.id,
    });
    const location = new URL(
      await handleConnectCallback(testDb.db, { kind: 'creator', params, userId: team.owner.id }),
    );
    const accountId = location.searchParams.get('account') ?? '';
    const before = await getAccessToken(testDb.db, accountId);

    travelInTime(stack.sandbox, { days: 2 });
    expect(nowMs() - Date.now()).toBeGreaterThan(2 * DAY_MS - 1000);
    const after = await getAccessToken(testDb.db, accountId);
    expect(after).not.toBe(before);
    await expect(getUserInfo({ accessToken: after, scopes: ['user.info.basic'] })).resolves.toBeTruthy();
    const [row] = await testDb.db
      .select({ lastRefreshedAt: tiktokAccounts.lastRefreshedAt })
      .from(tiktokAccounts)
      .where(eq(tiktokAccounts.id, accountId));
    // Stamped with the app clock, two days ahead of real time.
    expect(row?.lastRefreshedAt?.getTime()).toBeGreaterThan(Date.now() + 2 * DAY_MS - 60_000);
  });

  it('the control use case sets or advances the app clock', () => {
    expect(moveAppClock({ offsetMs: 5000 }).offsetMs).toBe(5000);
    expect(moveAppClock({ days: 1, seconds: -5 }).offsetMs).toBe(DAY_MS);
    expect(moveAppClock(null).offsetMs).toBe(DAY_MS);
  });
});
