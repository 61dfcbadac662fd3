import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callOpenApi,
  connectCreator,
  createUser,
  startTestSandbox,
  type TestUser,
  type Tokens,
} from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
let tokens: Tokens;
let user: TestUser;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  user = await createUser(sandbox, { videos: 25 });
  tokens = (await connectCreator(sandbox, { user })).tokens;
});
afterAll(() => sandbox.close());

type Video = Record<string, unknown> & { id: string; create_time: number; view_count: number };
const ALL =
  'id,create_time,cover_image_url,share_url,video_description,duration,height,width,title,embed_html,embed_link,like_count,comment_count,share_count,view_count';

async function list(body: Record<string, unknown>, fields = 'id,create_time') {
  const result = await callOpenApi(sandbox, tokens.access_token, `/v2/video/list/?fields=${fields}`, {
    body,
  });
  return result;
}

describe('POST /v2/video/list/', () => {
  it('pages newest first with a millisecond cursor and has_more', async () => {
    const seen: Video[] = [];
    let cursor: number | undefined;
    for (;;) {
      const { json } = await list({ max_count: 20, ...(cursor ? { cursor } : {}) });
      const data = json.data as { videos: Video[]; cursor: number; has_more: boolean };
      seen.push(...data.videos);
      if (!data.has_more) break;
      expect(data.cursor).toBe((data.videos.at(-1)?.create_time ?? 0) * 1000);
      cursor = data.cursor;
    }
    expect(seen).toHaveLength(25);
    const times = seen.map((v) => v.create_time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('defaults to 10 videos and returns only the requested fields', async () => {
    const { json } = await list({}, 'id,title');
    const videos = (json.data as { videos: Video[] }).videos;
    expect(videos).toHaveLength(10);
    expect(Object.keys(videos[0] ?? {}).sort()).toEqual(['id', 'title']);
  });

  it('returns every documented field', async () => {
    const { json } = await list({ max_count: 1 }, ALL);
    const video = (json.data as { videos: Video[] }).videos[0];
    expect(Object.keys(video ?? {}).sort()).toEqual(ALL.split(',').sort());
    expect(String(video?.cover_image_url)).toContain('x-expires=');
    expect(String(video?.share_url)).toContain('/video/');
  });

  it.each([
    ['max_count 21', { max_count: 21 }, 'id'],
    ['max_count 0', { max_count: 0 }, 'id'],
    ['a string cursor', { cursor: 'abc' }, 'id'],
    ['missing fields', {}, ''],
    ['an unknown field', {}, 'id,plays'],
  ])('400 invalid_params for %s', async (_name, body, fields) => {
    const path = fields ? `/v2/video/list/?fields=${fields}` : '/v2/video/list/';
    const result = await callOpenApi(sandbox, tokens.access_token, path, { body });
    expect(result).toMatchObject({ status: 400, json: { data: {}, error: { code: 'invalid_params' } } });
  });

  it('stats grow deterministically with the sandbox clock', async () => {
    const before = (
      (await list({ max_count: 20 }, 'id,view_count,like_count')).json.data as { videos: Video[] }
    ).videos;
    const again = (
      (await list({ max_count: 20 }, 'id,view_count,like_count')).json.data as { videos: Video[] }
    ).videos;
    expect(again).toEqual(before);
    sandbox.ctx.clock.travel(3 * 86_400_000);
    // Access tokens live 24 h: reconnect after the jump.
    tokens = (await connectCreator(sandbox, { user })).tokens;
    const later = (
      (await list({ max_count: 20 }, 'id,view_count,like_count')).json.data as { videos: Video[] }
    ).videos;
    for (const [index, video] of later.entries()) {
      expect(video.view_count).toBeGreaterThan(before[index]?.view_count ?? Infinity);
    }
  });

  it('401 scope_not_authorized without video.list', async () => {
    const other = await connectCreator(sandbox, { scopes: ['user.info.basic'] });
    const result = await callOpenApi(sandbox, other.tokens.access_token, '/v2/video/list/?fields=id', {
      body: {},
    });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'scope_not_authorized' } } });
  });
});

describe('POST /v2/video/query/', () => {
  it('returns only the user’s own videos among the requested ids', async () => {
    const { json } = await list({ max_count: 2 });
    const ids = (json.data as { videos: Video[] }).videos.map((v) => v.id);
    const stranger = await createUser(sandbox, { videos: 1 });
    const strangerVideo = sandbox.ctx.users.get(stranger.id)?.videos[0]?.id ?? '';
    const result = await callOpenApi(
      sandbox,
      tokens.access_token,
      '/v2/video/query/?fields=id,cover_image_url',
      {
        body: { filters: { video_ids: [...ids, strangerVideo] } },
      },
    );
    expect(result.status).toBe(200);
    expect((result.json.data.videos as Video[]).map((v) => v.id).sort()).toEqual([...ids].sort());
    expect(result.json.data).toMatchObject({ cursor: 0, has_more: false });
  });

  it.each([
    ['no filters', {}],
    ['an empty id list', { filters: { video_ids: [] } }],
    ['21 ids', { filters: { video_ids: Array.from({ length: 21 }, (_, i) => String(i)) } }],
  ])('400 invalid_params for %s', async (_name, body) => {
    const result = await callOpenApi(sandbox, tokens.access_token, '/v2/video/query/?fields=id', { body });
    expect(result).toMatchObject({ status: 400, json: { error: { code: 'invalid_params' } } });
  });
});
