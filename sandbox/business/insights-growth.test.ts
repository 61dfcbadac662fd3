import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server';
import { callApi } from './test-helpers';
import { connectBusiness } from './testing';

type Row = Record<string, number | string>;

let sandbox: RunningSandbox;
beforeAll(async () => {
  const week = 7 * 86_400;
  sandbox = await startSandbox({
    port: 0,
    snapshotPath: null,
    lifetimes: {
      loginKit: { accessSeconds: week, refreshSeconds: week },
      business: { accessSeconds: week, refreshSeconds: week },
    },
  });
});
afterAll(() => sandbox.close());

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('business/get over time', () => {
  it('60 days of daily rows whose follower and like changes match the totals', async () => {
    const user = sandbox.ctx.users.create(
      { kind: 'business', stats: { followers: 20_000, following: 5, likes: 300_000, videos: 0 } },
      sandbox.ctx.clock.nowMs(),
    );
    const business = await connectBusiness(sandbox, { user });
    const today = Math.floor(sandbox.ctx.clock.nowMs() / 86_400_000) * 86_400_000;
    const { json } = await callApi<{ metrics: Row[]; followers_count: number }>(sandbox, 'business/get/', {
      token: business.accessToken,
      query: {
        business_id: business.openId,
        fields:
          '["followers_count","daily_total_followers","daily_new_followers","daily_lost_followers","likes"]',
        start_date: iso(today - 60 * 86_400_000),
        end_date: iso(today - 86_400_000),
      },
    });
    expect(json.code).toBe(0);
    const rows = json.data.metrics;
    expect(rows).toHaveLength(60);
    for (let i = 1; i < rows.length; i++) {
      const [before, after] = [rows[i - 1] as Row, rows[i] as Row];
      expect(Number(after.daily_total_followers)).toBeGreaterThanOrEqual(
        Number(before.daily_total_followers),
      );
      expect(Number(after.daily_new_followers) - Number(after.daily_lost_followers)).toBe(
        Number(after.daily_total_followers) - Number(before.daily_total_followers),
      );
      expect(Number(after.likes)).toBeGreaterThanOrEqual(0);
    }
    // Yesterday's closing count is where today's curve starts.
    expect(Number(rows.at(-1)?.daily_total_followers)).toBeLessThanOrEqual(json.data.followers_count);
  });

  it('followers_count and total_likes grow as sandbox days pass', async () => {
    const business = await connectBusiness(sandbox);
    const totals = async () =>
      (
        await callApi<{ followers_count: number; total_likes: number }>(sandbox, 'business/get/', {
          token: business.accessToken,
          query: { business_id: business.openId, fields: '["followers_count","total_likes"]' },
        })
      ).json.data;
    const before = await totals();
    sandbox.ctx.clock.travel(2 * 86_400_000);
    const after = await totals();
    expect(after.followers_count).toBeGreaterThan(before.followers_count);
    expect(after.total_likes).toBeGreaterThan(before.total_likes);
  });
});
