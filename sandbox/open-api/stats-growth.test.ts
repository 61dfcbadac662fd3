import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callOpenApi,
  connectCreator,
  createUser,
  startTestSandbox,
  type TestUser,
} from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
let user: TestUser;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  user = await createUser(sandbox, {
    videos: 30,
    stats: { followers: 50_000, following: 10, likes: 900_000, videos: 0 },
  });
});
afterAll(() => sandbox.close());

type Video = {
  id: string;
  view_count: number;
  like_count: number;
  comment_count: number;
  share_count: number;
  cover_image_url: string;
};
type Stats = { follower_count: number; likes_count: number; video_count: number };

/** A fresh token each time: days of time travel outlive a 2 h access token. */
async function snapshot() {
  const { tokens } = await connectCreator(sandbox, { user });
  const info = await callOpenApi(
    sandbox,
    tokens.access_token,
    '/v2/user/info/?fields=follower_count,likes_count,video_count',
  );
  const videos: Video[] = [];
  const covers: string[] = [];
  let cursor: number | undefined;
  for (;;) {
    const { json } = await callOpenApi(
      sandbox,
      tokens.access_token,
      '/v2/video/list/?fields=id,view_count,like_count,comment_count,share_count,cover_image_url',
      { body: { max_count: 20, ...(cursor ? { cursor } : {}) } },
    );
    const data = json.data as { videos: Video[]; cursor: number; has_more: boolean };
    videos.push(...data.videos);
    covers.push(...data.videos.map((video) => video.cover_image_url));
    if (!data.has_more) break;
    cursor = data.cursor;
  }
  // Cover links carry x-expires (now + 6 h), so they are compared apart from the counters.
  for (const video of videos) video.cover_image_url = '';
  return { stats: info.json.data.user as Stats, videos, covers };
}

describe('account and video stats grow across sandbox days', () => {
  it('starts at the counts the user was created with', async () => {
    const { stats } = await snapshot();
    expect(stats).toEqual({ follower_count: 50_000, likes_count: 900_000, video_count: 30 });
  });

  it('followers, likes and every video counter grow day by day, the same on every read', async () => {
    const days = [await snapshot()];
    const again = await snapshot();
    expect({ stats: again.stats, videos: again.videos }).toEqual({
      stats: days[0]?.stats,
      videos: days[0]?.videos,
    });
    for (let day = 1; day <= 3; day++) {
      sandbox.ctx.clock.travel(86_400_000);
      days.push(await snapshot());
    }
    for (let day = 1; day < days.length; day++) {
      const [before, after] = [days[day - 1], days[day]];
      expect(after?.stats.follower_count).toBeGreaterThan(before?.stats.follower_count ?? Infinity);
      expect(after?.stats.likes_count).toBeGreaterThan(before?.stats.likes_count ?? Infinity);
      for (const [i, video] of (after?.videos ?? []).entries()) {
        const earlier = before?.videos[i] as Video;
        expect(video.id).toBe(earlier.id);
        expect(video.view_count).toBeGreaterThan(earlier.view_count);
        for (const key of ['like_count', 'comment_count', 'share_count'] as const)
          expect(video[key]).toBeGreaterThanOrEqual(earlier[key]);
      }
    }
    // Total likes are the likes at creation plus what the videos gathered since.
    const first = days[0] as { videos: Video[]; stats: Stats };
    const last = days.at(-1) as { videos: Video[]; stats: Stats };
    const gathered = last.videos.reduce(
      (sum, v, i) => sum + v.like_count - (first.videos[i]?.like_count ?? 0),
      0,
    );
    expect(last.stats.likes_count - first.stats.likes_count).toBe(gathered);
  });

  it('cover URLs work until their x-expires (6 h of sandbox time), then answer 403', async () => {
    const { covers } = await snapshot();
    const cover = covers[0] ?? '';
    const expires = Number(new URL(cover).searchParams.get('x-expires'));
    expect(Math.abs(expires - (sandbox.ctx.clock.nowSeconds() + 6 * 3600))).toBeLessThanOrEqual(2);
    expect((await fetch(cover)).status).toBe(200);
    sandbox.ctx.clock.travel(6 * 3600 * 1000 + 1000);
    expect((await fetch(cover)).status).toBe(403);
  });
});
