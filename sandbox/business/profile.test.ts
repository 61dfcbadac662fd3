import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server';
import { callApi } from './test-helpers';
import { type ConnectedBusiness, connectBusiness } from './testing';

let sandbox: RunningSandbox;
let business: ConnectedBusiness;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  const user = sandbox.ctx.users.create(
    {
      kind: 'business',
      username: 'shop',
      displayName: 'The Shop',
      stats: { followers: 500, following: 3, likes: 9000, videos: 12 },
    },
    sandbox.ctx.clock.nowMs(),
  );
  business = await connectBusiness(sandbox, { user });
});
afterAll(() => sandbox.close());

const get = (query: Record<string, string>, token = business.accessToken) =>
  callApi(sandbox, 'business/get/', { token, query: { business_id: business.openId, ...query } });

describe('GET business/get/', () => {
  it('returns the requested profile and total fields (fields as Ruby Array#to_s)', async () => {
    const { json } = await get({
      fields:
        '["username", "display_name", "profile_image", "followers_count", "videos_count", "is_business_account"]',
    });
    expect(json).toMatchObject({ code: 0, message: 'OK' });
    expect(json.data).toEqual({
      username: 'shop',
      display_name: 'The Shop',
      profile_image: '',
      followers_count: 500,
      videos_count: 12,
      is_business_account: true,
    });
  });

  it('returns a deterministic daily series over the requested UTC dates', async () => {
    const today = new Date(sandbox.ctx.clock.nowMs());
    const day = (offset: number) =>
      new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
    const query = { fields: '["video_views","likes"]', start_date: day(5), end_date: day(3) };
    const first = await get(query);
    const metrics = first.json.data.metrics as { date: string }[];
    expect(metrics.map((m) => m.date)).toEqual([day(5), day(4), day(3)]);
    expect(metrics[0]).toEqual({ date: day(5), video_views: expect.any(Number), likes: expect.any(Number) });
    expect((await get(query)).json.data).toEqual(first.json.data);
  });

  it.each([
    ['an unknown field', { fields: '["favourite_color"]' }, 40002],
    ['fields that are not a JSON array', { fields: 'username' }, 40002],
    [
      'a start_date beyond the 60-day lookback',
      { fields: '["likes"]', start_date: '2000-01-01', end_date: '2000-01-02' },
      40002,
    ],
    [
      'end_date before start_date',
      { fields: '["likes"]', start_date: '2030-01-02', end_date: '2030-01-01' },
      40002,
    ],
    ['another account’s business_id', { business_id: 'nope' }, 40001],
  ])('refuses %s', async (_name, query, code) => {
    expect((await get(query)).json.code).toBe(code);
  });

  it('needs the matching scope per field (40001)', async () => {
    const limited = await connectBusiness(sandbox, { user: business.user, scopes: ['user.info.basic'] });
    expect((await get({ fields: '["display_name"]' }, limited.accessToken)).json.code).toBe(0);
    expect((await get({ fields: '["followers_count"]' }, limited.accessToken)).json.code).toBe(40001);
    expect((await get({ fields: '["video_views"]' }, limited.accessToken)).json.code).toBe(40001);
  });
});
