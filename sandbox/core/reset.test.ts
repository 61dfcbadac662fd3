import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server';

describe('POST /_sandbox/reset', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, snapshotPath: null });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const post = (path: string, body: unknown = {}) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('undoes lifetimes, faults, time travel and the request log', async () => {
    const before = (await (await fetch(`${sandbox.url}/_sandbox/lifetimes`)).json()) as {
      lifetimes: unknown;
    };
    await post('/_sandbox/lifetimes', { profile: 'short' });
    await post('/_sandbox/faults', { endpoint: 'oauth.token', status: 500 });
    await post('/_sandbox/time-travel', { days: 3 });

    expect((await post('/_sandbox/reset')).status).toBe(200);

    const after = (await (await fetch(`${sandbox.url}/_sandbox/lifetimes`)).json()) as { lifetimes: unknown };
    expect(after.lifetimes).toEqual(before.lifetimes);
    const faults = (await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()) as { faults: unknown[] };
    expect(faults.faults).toEqual([]);
    const health = (await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as { offsetMs: number };
    expect(health.offsetMs).toBe(0);
  });
});
