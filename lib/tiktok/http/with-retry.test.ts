import { describe, expect, it } from 'vitest';
import { TikTokApiError } from './tiktok-api-error';
import { withRetry } from './with-retry';

const transient = () =>
  new TikTokApiError({
    surface: 'login-kit',
    status: 503,
    code: 'http_503',
    message: 'down',
    retryable: true,
  });

describe('withRetry', () => {
  it('retries retryable errors up to the attempt count', async () => {
    let calls = 0;
    const result = withRetry({ attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, async () => {
      calls += 1;
      throw transient();
    });
    await expect(result).rejects.toMatchObject({ code: 'http_503' });
    expect(calls).toBe(3);
  });

  it('starts no attempt after its signal (a deadline) aborted, even mid-backoff', async () => {
    const controller = new AbortController();
    let calls = 0;
    const started = Date.now();
    const result = withRetry(
      { attempts: 10, baseDelayMs: 5_000, maxDelayMs: 5_000, signal: controller.signal },
      async () => {
        calls += 1;
        setTimeout(() => controller.abort(), 20);
        throw transient();
      },
    );
    await expect(result).rejects.toMatchObject({ code: 'http_503' });
    expect(calls).toBe(1);
    // The backoff sleep ended with the abort instead of running its course.
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
