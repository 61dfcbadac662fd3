import { type APIRequestContext, expect } from '@playwright/test';
import { E2E } from './e2e-config';

type Clock = { offsetMs: number };

/**
 * Moves the sandbox's clock (TikTok's time: token lifetimes, stats, webhook timestamps) and then
 * sets the app's clock to exactly the same offset, so both agree to the millisecond. The e2e stack
 * runs the app with TIME_TRAVEL=1 and E2E=1. Call `resetClocks` after the test: the server is
 * shared by every spec.
 */
export async function travelInTime(
  request: APIRequestContext,
  { days = 0, seconds = 0 }: { days?: number; seconds?: number },
): Promise<number> {
  const sandbox = await request.post(`${E2E.sandboxUrl}/_sandbox/time-travel`, { data: { days, seconds } });
  expect(sandbox.ok()).toBe(true);
  const { offsetMs } = (await sandbox.json()) as Clock;
  const app = await request.post(`${E2E.appUrl}/api/dev/time-travel`, { data: { offsetMs } });
  expect(app.ok()).toBe(true);
  expect(((await app.json()) as Clock).offsetMs).toBe(offsetMs);
  return offsetMs;
}

/** Back to real time on both sides. */
export async function resetClocks(request: APIRequestContext): Promise<void> {
  const app = await request.get(`${E2E.appUrl}/api/dev/time-travel`);
  const { offsetMs } = (await app.json()) as Clock;
  if (offsetMs !== 0) {
    await request.post(`${E2E.sandboxUrl}/_sandbox/time-travel`, { data: { seconds: -offsetMs / 1000 } });
  }
  await request.post(`${E2E.appUrl}/api/dev/time-travel`, { data: { offsetMs: 0 } });
}
