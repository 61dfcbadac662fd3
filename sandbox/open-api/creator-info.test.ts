import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const PATH = '/v2/post/publish/creator_info/query/';
const setFlags = (userId: string, flags: Record<string, unknown>) =>
  fetch(`${sandbox.url}/_sandbox/users/${userId}/flags`, { method: 'POST', body: JSON.stringify(flags) });

describe('POST /v2/post/publish/creator_info/query/', () => {
  it('describes a public creator', async () => {
    const user = await createUser(sandbox, { displayName: 'Nick Name', username: 'nick' });
    const { tokens } = await connectCreator(sandbox, { user });
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(result.status).toBe(200);
    expect(result.json.data).toMatchObject({
      creator_username: 'nick',
      creator_nickname: 'Nick Name',
      privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      comment_disabled: false,
      duet_disabled: false,
      stitch_disabled: false,
      max_video_post_duration_sec: 600,
    });
    expect(result.json.data.creator_avatar_url).toMatch(/^http/);
  });

  it('describes a private creator: follower options, duet and stitch disabled', async () => {
    const user = await createUser(sandbox, { privacy: 'private' });
    const { tokens } = await connectCreator(sandbox, { user });
    const { json } = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(json.data).toMatchObject({
      privacy_level_options: ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      duet_disabled: true,
      stitch_disabled: true,
    });
  });

  it('reflects the creator’s interaction settings and duration limit', async () => {
    const user = await createUser(sandbox);
    await setFlags(user.id, { commentDisabled: true, maxVideoPostDurationSec: 180 });
    const { tokens } = await connectCreator(sandbox, { user });
    const { json } = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(json.data).toMatchObject({ comment_disabled: true, max_video_post_duration_sec: 180 });
  });

  it('works without a body, as some clients send none', async () => {
    const { tokens } = await connectCreator(sandbox);
    const response = await fetch(`${sandbox.url}${PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(200);
  });

  it('answers spam_risk_user_banned_from_posting with HTTP 200 (intentional quirk)', async () => {
    const user = await createUser(sandbox);
    await setFlags(user.id, { bannedFromPosting: true });
    const { tokens } = await connectCreator(sandbox, { user });
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(result).toMatchObject({
      status: 200,
      json: { data: {}, error: { code: 'spam_risk_user_banned_from_posting' } },
    });
  });

  it('answers spam_risk_too_many_posts with HTTP 200 once the daily cap is reached', async () => {
    const user = await createUser(sandbox);
    await setFlags(user.id, { dailyPostCap: 1 });
    const { tokens } = await connectCreator(sandbox, { user });
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'FILE_UPLOAD', video_size: 100, chunk_size: 100, total_chunk_count: 1 },
      },
    });
    expect(init.status).toBe(200);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(result).toMatchObject({ status: 200, json: { error: { code: 'spam_risk_too_many_posts' } } });
  });

  it('answers reached_active_user_cap with HTTP 200 when an unaudited app already has 5 posting users', async () => {
    const app = sandbox.ctx.config.apps.find((a) => a.kind === 'login-kit');
    if (!app) throw new Error('no app');
    app.audited = false;
    // Start a fresh 24 h window so earlier tests' posters do not count.
    sandbox.ctx.clock.travel(25 * 3600 * 1000);
    try {
      for (let i = 0; i < 5; i++) {
        const poster = await createUser(sandbox, { privacy: 'private' });
        const { tokens } = await connectCreator(sandbox, { user: poster });
        const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
          body: {
            post_info: { privacy_level: 'SELF_ONLY' },
            source_info: { source: 'FILE_UPLOAD', video_size: 100, chunk_size: 100, total_chunk_count: 1 },
          },
        });
        expect(init.status).toBe(200);
      }
      const sixth = await connectCreator(sandbox, {
        user: await createUser(sandbox, { privacy: 'private' }),
      });
      const result = await callOpenApi(sandbox, sixth.tokens.access_token, PATH, { body: {} });
      expect(result).toMatchObject({ status: 200, json: { error: { code: 'reached_active_user_cap' } } });
    } finally {
      app.audited = true;
    }
  });

  it('401 scope_not_authorized without video.publish', async () => {
    const { tokens } = await connectCreator(sandbox, { scopes: ['user.info.basic', 'video.upload'] });
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'scope_not_authorized' } } });
  });

  it('401 access_token_invalid without a valid token', async () => {
    const result = await callOpenApi(sandbox, 'act.sbx.bogus', PATH, { body: {} });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'access_token_invalid' } } });
  });

  it('429 after 20 calls per minute per token', async () => {
    const { tokens } = await connectCreator(sandbox);
    for (let i = 0; i < 20; i++)
      expect((await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} })).status).toBe(200);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, { body: {} });
    expect(result).toMatchObject({ status: 429, json: { error: { code: 'rate_limit_exceeded' } } });
  });
});
