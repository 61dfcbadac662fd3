import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

async function control(path: string, body?: unknown) {
  const response = await fetch(
    `${sandbox.url}${path}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

type UserJson = {
  id: string;
  kind: string;
  privacy: string;
  openId: string;
  videos: unknown[];
  stats: Record<string, number>;
};

describe('control API: users', () => {
  it('seeds two creators (public and private) and a business user', async () => {
    const { json } = await control('/_sandbox/users');
    const users = json.users as UserJson[];
    const creators = users.filter((u) => u.kind === 'creator');
    expect(creators.map((u) => u.privacy).sort()).toEqual(['private', 'public']);
    expect(users.some((u) => u.kind === 'business')).toBe(true);
  });

  it('creates users with kind, privacy, stats and videos, and filters by kind', async () => {
    const created = await control('/_sandbox/users', {
      kind: 'creator',
      privacy: 'private',
      username: 'made_here',
      stats: { followers: 1, following: 2, likes: 3, videos: 0 },
      videos: [
        { title: 'old', daysAgo: 30, views: 100 },
        { title: 'new', daysAgo: 1 },
      ],
    });
    expect(created.status).toBe(201);
    const user = created.json.user as UserJson;
    expect(user).toMatchObject({ kind: 'creator', privacy: 'private', stats: { followers: 1, videos: 2 } });
    expect(user.videos).toHaveLength(2);
    const business = await control('/_sandbox/users', { kind: 'business' });
    expect((business.json.user as UserJson).kind).toBe('business');
    const creators = (await control('/_sandbox/users?kind=creator')).json.users as UserJson[];
    expect(creators.every((u) => u.kind === 'creator')).toBe(true);
    expect((await control(`/_sandbox/users/${user.openId}`)).status).toBe(200);
  });

  it('rejects bad kinds and privacy values', async () => {
    expect((await control('/_sandbox/users', { kind: 'robot' })).status).toBe(400);
    expect((await control('/_sandbox/users', { privacy: 'secret' })).status).toBe(400);
    expect((await control('/_sandbox/users/nope')).status).toBe(404);
  });

  it('flips account privacy and posting flags', async () => {
    const user = (await control('/_sandbox/users', {})).json.user as UserJson;
    const { json } = await control(`/_sandbox/users/${user.id}/flags`, {
      privacy: 'private',
      dailyPostCap: 3,
    });
    expect(json.user).toMatchObject({ privacy: 'private', postingFlags: { dailyPostCap: 3 } });
  });
});

describe('control API: authorizations, tokens, lifetimes, apps', () => {
  it('lists authorizations and makes tokens look expired', async () => {
    const { user, tokens } = await connectCreator(sandbox);
    const list = (await control('/_sandbox/authorizations')).json.authorizations as {
      userId: string;
      liveAccessTokens: number;
    }[];
    expect(list.find((a) => a.userId === user.id)?.liveAccessTokens).toBe(1);
    expect(
      (await control('/_sandbox/tokens/invalidate', { token: tokens.access_token, expire: true })).status,
    ).toBe(200);
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id')).status).toBe(
      401,
    );
    expect((await control('/_sandbox/tokens/invalidate', { token: 'nope' })).status).toBe(404);
    expect((await control('/_sandbox/authorizations/revoke', { userId: 'nope' })).status).toBe(404);
    expect((await control('/_sandbox/authorizations/revoke', { userId: user.id, reason: 9 })).status).toBe(
      400,
    );
  });

  it('sets lifetimes by profile or by value', async () => {
    expect((await control('/_sandbox/lifetimes', { profile: 'weird' })).status).toBe(400);
    const current = await control('/_sandbox/lifetimes', { profile: 'current' });
    expect(current.json.lifetimes).toMatchObject({
      loginKit: { accessSeconds: 7200, refreshSeconds: 15_552_000 },
    });
    const custom = await control('/_sandbox/lifetimes', { loginKit: { accessSeconds: 5 } });
    expect(custom.json.lifetimes).toMatchObject({
      loginKit: { accessSeconds: 5, refreshSeconds: 15_552_000 },
    });
    const { tokens } = await connectCreator(sandbox);
    expect(tokens.expires_in).toBe(5);
    await control('/_sandbox/lifetimes', { profile: 'legacy' });
  });

  it('lists apps without their secrets', async () => {
    const apps = (await control('/_sandbox/apps')).json.apps as Record<string, unknown>[];
    expect(apps.map((a) => a.kind)).toEqual(expect.arrayContaining(['login-kit', 'business']));
    expect(JSON.stringify(apps)).not.toContain('sbx-secret');
    expect((await control('/_sandbox/apps/login-kit', { pkce: 'sometimes' })).status).toBe(400);
  });
});

describe('control API: posts', () => {
  it('lists posts and refuses outcomes that do not fit the state', async () => {
    const { tokens } = await connectCreator(sandbox);
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'FILE_UPLOAD', video_size: 10, chunk_size: 10, total_chunk_count: 1 },
      },
    });
    const publishId = String(init.json.data.publish_id);
    const posts = (await control('/_sandbox/posts')).json.posts as {
      publishId: string;
      uploadToken?: string;
    }[];
    const listed = posts.find((p) => p.publishId === publishId);
    expect(listed).toBeDefined();
    expect(listed?.uploadToken).toBeUndefined();
    const path = `/_sandbox/posts/${encodeURIComponent(publishId)}/outcome`;
    expect((await control(path, { outcome: 'inbox_posted' })).status).toBe(409);
    expect((await control(path, { outcome: 'bogus' })).status).toBe(409);
    expect((await control(path, { outcome: 'complete' })).json.post).toMatchObject({
      status: 'PUBLISH_COMPLETE',
    });
    expect((await control('/_sandbox/posts/nope/outcome', { outcome: 'failed' })).status).toBe(404);
  });

  it('forces a failure with a chosen fail_reason', async () => {
    const { tokens } = await connectCreator(sandbox);
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'FILE_UPLOAD', video_size: 10, chunk_size: 10, total_chunk_count: 1 },
      },
    });
    const publishId = String(init.json.data.publish_id);
    await control(`/_sandbox/posts/${encodeURIComponent(publishId)}/outcome`, {
      outcome: 'failed',
      failReason: 'spam_risk',
    });
    const status = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/status/fetch/', {
      body: { publish_id: publishId },
    });
    expect(status.json.data).toMatchObject({ status: 'FAILED', fail_reason: 'spam_risk' });
  });
});

describe('control pages, samples, reset and snapshot', () => {
  it('GET /_sandbox shows users, posts, webhook deliveries, request counts and the conversations link', async () => {
    const html = await (await fetch(`${sandbox.url}/_sandbox`)).text();
    for (const text of [
      'Users',
      'Posts',
      'Recent webhook deliveries',
      'Requests per endpoint',
      '/_sandbox/conversations',
      'Sandbox Chef',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('serves sample media recognisable by magic bytes', async () => {
    const mp4 = Buffer.from(
      await (await fetch(`${sandbox.url}/_sandbox/media/sample.mp4?bytes=1000`)).arrayBuffer(),
    );
    expect(mp4.subarray(4, 8).toString()).toBe('ftyp');
    expect(mp4.length).toBe(1000);
    const jpeg = Buffer.from(await (await fetch(`${sandbox.url}/_sandbox/media/sample.jpeg`)).arrayBuffer());
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('reset clears grants and posts and reseeds users', async () => {
    const { tokens } = await connectCreator(sandbox);
    await control('/_sandbox/reset', {});
    expect((await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id')).status).toBe(
      401,
    );
    expect((await control('/_sandbox/posts')).json.posts).toEqual([]);
    const users = (await control('/_sandbox/users')).json.users as UserJson[];
    expect(users.filter((u) => u.kind === 'creator')).toHaveLength(2);
  });

  it('keeps tokens and posts across a restart with a snapshot file', async () => {
    const snapshotPath = join(mkdtempSync(join(tmpdir(), 'sbx-snap-')), 'sandbox.json');
    const first = await startTestSandbox({ snapshotPath });
    const { tokens } = await connectCreator(first);
    await first.close();
    const second = await startTestSandbox({ snapshotPath });
    try {
      const info = await callOpenApi(second, tokens.access_token, '/v2/user/info/?fields=open_id');
      expect(info.json.data.user).toEqual({ open_id: tokens.open_id });
    } finally {
      await second.close();
    }
  });
});
