import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { describeKvBackend } from './describe-kv-backend';

describe('describeKvBackend', () => {
  const token = randomUUID();
  let kv: LocalKv;

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token });
  });
  afterAll(() => kv.close());

  it('reports the embedded store as embedded', async () => {
    const description = await describeKvBackend({ url: kv.url, token });
    expect(description).toMatchObject({ ok: true, mode: 'embedded' });
    expect(description.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a wrong token without repeating it', async () => {
    const description = await describeKvBackend({ url: kv.url, token: 'wrong-token-value' });
    expect(description).toMatchObject({
      ok: false,
      mode: 'embedded',
      error: expect.stringMatching(/auth token/),
    });
    expect(description.error).not.toContain('wrong-token-value');
  });

  it('reports an unreachable endpoint as down', async () => {
    const description = await describeKvBackend({ url: 'http://127.0.0.1:9', token, timeoutMs: 500 });
    expect(description.ok).toBe(false);
    expect(description.error).toBeDefined();
  });
});
