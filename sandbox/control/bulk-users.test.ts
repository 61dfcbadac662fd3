import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

type BulkUser = {
  id: string;
  openId: string;
  username: string;
  accessToken: string;
  refreshToken: string;
  scope: string;
};

async function bulk(body: Record<string, unknown>) {
  const response = await fetch(`${sandbox.url}/_sandbox/users/bulk`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { users: BulkUser[]; error?: string } };
}

describe('POST /_sandbox/users/bulk', () => {
  it('creates 1,000 creators × 200 videos with ready tokens', async () => {
    const { status, json } = await bulk({ count: 1000, videosEach: 200, usernamePrefix: 'bench' });
    expect(status).toBe(201);
    expect(json.users).toHaveLength(1000);
    expect(new Set(json.users.map((u) => u.openId)).size).toBe(1000);
    const last = json.users.at(-1) as BulkUser;
    expect(last.username).toBe('bench_1000');
    expect(last.scope.split(',')).toContain('video.list');
    const info = await callOpenApi(sandbox, last.accessToken, '/v2/user/info/?fields=open_id,video_count');
    expect(info.json.data.user).toEqual({ open_id: last.openId, video_count: 200 });
  });

  it('the generated videos page through video/list with the cursor, 200 distinct, newest first', async () => {
    const [user] = (await bulk({ count: 1, videosEach: 200 })).json.users;
    const seen: { id: string; create_time: number }[] = [];
    let cursor: number | undefined;
    for (let page = 0; page < 20; page++) {
      const { json } = await callOpenApi(
        sandbox,
        user?.accessToken ?? '',
        '/v2/video/list/?fields=id,create_time',
        {
          body: { max_count: 20, ...(cursor ? { cursor } : {}) },
        },
      );
      const data = json.data as { videos: typeof seen; cursor: number; has_more: boolean };
      seen.push(...data.videos);
      if (!data.has_more) break;
      cursor = data.cursor;
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen.map((v) => v.id)).size).toBe(200);
    expect(seen.every((v) => /^\d{19}$/.test(v.id))).toBe(true);
    const times = seen.map((v) => v.create_time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('generated videos are the same on every call (deterministic per user)', async () => {
    const [user] = (await bulk({ count: 1, videosEach: 5 })).json.users;
    const read = async () =>
      (await fetch(`${sandbox.url}/_sandbox/users/${user?.id}`).then((r) => r.json())) as {
        user: { videos: { id: string }[] };
      };
    expect((await read()).user.videos).toEqual((await read()).user.videos);
  });

  it('refuses bad counts and unknown scopes', async () => {
    expect((await bulk({ count: 0 })).status).toBe(400);
    expect((await bulk({ count: 1, videosEach: -1 })).status).toBe(400);
    expect((await bulk({ count: 1, scopes: ['message.list.send'] })).status).toBe(400);
  });
});
