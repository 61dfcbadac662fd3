import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox, type Tokens } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { fileSource } from './testing';

let sandbox: RunningSandbox;
let tokens: Tokens;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const VIDEO_INIT = '/v2/post/publish/video/init/';
const INBOX_INIT = '/v2/post/publish/inbox/video/init/';
const MB = 1_000_000;

async function freshToken(userBody: Record<string, unknown> = {}, scopes?: string[]) {
  const user = await createUser(sandbox, userBody);
  return (await connectCreator(sandbox, { user, scopes })).tokens;
}

describe('POST /v2/post/publish/video/init/ (Direct Post)', () => {
  beforeAll(async () => {
    tokens = await freshToken();
  });

  it('FILE_UPLOAD answers publish_id and an upload_url on the sandbox upload host', async () => {
    const result = await callOpenApi(sandbox, tokens.access_token, VIDEO_INIT, {
      body: {
        post_info: { privacy_level: 'PUBLIC_TO_EVERYONE', title: 'hi #tag' },
        source_info: fileSource(50_000_123, 10 * MB, 5),
      },
    });
    expect(result.status).toBe(200);
    expect(result.json.error.code).toBe('ok');
    expect(result.json.data.publish_id).toMatch(/^v_pub_file~v2-1\.\d+$/);
    const uploadUrl = new URL(String(result.json.data.upload_url));
    expect(`${uploadUrl.origin}`).toBe(sandbox.url);
    expect(uploadUrl.pathname).toBe('/upload/');
    expect(uploadUrl.searchParams.get('upload_id')).toBeTruthy();
    expect(uploadUrl.searchParams.get('upload_token')).toBeTruthy();
    expect(String(result.json.data.upload_url).length).toBeLessThanOrEqual(256);
    expect(String(result.json.data.publish_id).length).toBeLessThanOrEqual(64);
  });

  it('PULL_FROM_URL answers a v_pub_url publish_id and no upload_url', async () => {
    const token = await freshToken();
    const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'PULL_FROM_URL', video_url: `${sandbox.url}/_sandbox/media/sample.mp4` },
      },
    });
    expect(result.json.data.publish_id).toMatch(/^v_pub_url~v2\.\d+$/);
    expect(result.json.data.upload_url).toBeUndefined();
  });

  it.each([
    ['a single chunk under 5 MB', fileSource(1234, 1234, 1), true],
    ['a single chunk up to 64 MB', fileSource(64 * MB, 64 * MB, 1), true],
    ['the documented 50,000,123-byte example', fileSource(50_000_123, 10 * MB, 5), true],
    ['MiB chunks', fileSource(100 * 1024 * 1024, 10 * 1024 * 1024, 10), true],
    ['a last chunk bigger than chunk_size', fileSource(29 * MB, 10 * MB, 2), true],
    ['small file with chunk_size ≠ video_size', fileSource(4 * MB, 1 * MB, 4), false],
    ['chunk under 5 MB for a big file', fileSource(20 * MB, 4 * MB, 5), false],
    ['chunk over 64 MiB', fileSource(200 * MB, 70 * MB, 2), false],
    ['ceil instead of floor chunk count', fileSource(50_000_123, 10 * MB, 6), false],
    ['over 4 GB', fileSource(4 * 1024 ** 3 + 1, 64 * MB, 64), false],
    ['zero size', fileSource(0, 0, 0), false],
    ['non-integer counts', fileSource(10.5, 10.5, 1), false],
  ])('chunk plan: %s', async (_name, source, ok) => {
    const token = await freshToken();
    const result = await callOpenApi(sandbox, token.access_token, INBOX_INIT, {
      body: { source_info: source },
    });
    if (ok) expect(result.status).toBe(200);
    else expect(result).toMatchObject({ status: 400, json: { data: {}, error: { code: 'invalid_params' } } });
  });

  it.each([
    ['missing source_info', 400, 'invalid_params', { post_info: { privacy_level: 'SELF_ONLY' } }],
    [
      'unknown source',
      400,
      'invalid_params',
      { post_info: { privacy_level: 'SELF_ONLY' }, source_info: { source: 'S3' } },
    ],
    [
      'PULL_FROM_URL without video_url',
      400,
      'invalid_params',
      { post_info: { privacy_level: 'SELF_ONLY' }, source_info: { source: 'PULL_FROM_URL' } },
    ],
    [
      'title over 2200 UTF-16 units',
      400,
      'invalid_params',
      {
        post_info: { privacy_level: 'SELF_ONLY', title: '😀'.repeat(1101) },
        source_info: fileSource(100, 100, 1),
      },
    ],
    [
      'non-boolean disable_comment',
      400,
      'invalid_params',
      {
        post_info: { privacy_level: 'SELF_ONLY', disable_comment: 'yes' },
        source_info: fileSource(100, 100, 1),
      },
    ],
    [
      'branded content set to SELF_ONLY',
      400,
      'invalid_params',
      {
        post_info: { privacy_level: 'SELF_ONLY', brand_content_toggle: true },
        source_info: fileSource(100, 100, 1),
      },
    ],
    [
      'missing privacy_level',
      403,
      'privacy_level_option_mismatch',
      { post_info: {}, source_info: fileSource(100, 100, 1) },
    ],
    [
      'privacy_level of a private account',
      403,
      'privacy_level_option_mismatch',
      { post_info: { privacy_level: 'FOLLOWER_OF_CREATOR' }, source_info: fileSource(100, 100, 1) },
    ],
    [
      'unverified PULL_FROM_URL',
      403,
      'url_ownership_unverified',
      {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'PULL_FROM_URL', video_url: 'https://cdn.example.com/v.mp4' },
      },
    ],
  ])('%s → %i %s', async (_name, status, code, body) => {
    const token = await freshToken();
    const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, { body });
    expect(result).toMatchObject({ status, json: { data: {}, error: { code } } });
  });

  it('accepts 2200 UTF-16 units of title exactly', async () => {
    const token = await freshToken();
    const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, {
      body: {
        post_info: { privacy_level: 'SELF_ONLY', title: '😀'.repeat(1100) },
        source_info: fileSource(100, 100, 1),
      },
    });
    expect(result.status).toBe(200);
  });

  it('accepts URLs under prefixes verified for the app', async () => {
    const token = await freshToken();
    await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
      method: 'POST',
      body: JSON.stringify({ verifiedUrlPrefixes: ['https://media.example.com/tokdesk/'] }),
    });
    const ok = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'PULL_FROM_URL', video_url: 'https://media.example.com/tokdesk/a.mp4' },
      },
    });
    expect(ok.status).toBe(200);
    const parent = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'PULL_FROM_URL', video_url: 'https://media.example.com/other/a.mp4' },
      },
    });
    expect(parent.json.error.code).toBe('url_ownership_unverified');
  });

  it('403 spam_risk_user_banned_from_posting for a banned user', async () => {
    const user = await createUser(sandbox);
    await fetch(`${sandbox.url}/_sandbox/users/${user.id}/flags`, {
      method: 'POST',
      body: JSON.stringify({ bannedFromPosting: true }),
    });
    const { tokens: banned } = await connectCreator(sandbox, { user });
    const body = { post_info: { privacy_level: 'SELF_ONLY' }, source_info: fileSource(100, 100, 1) };
    for (const path of [VIDEO_INIT, INBOX_INIT]) {
      const result = await callOpenApi(sandbox, banned.access_token, path, { body });
      expect(result).toMatchObject({
        status: 403,
        json: { error: { code: 'spam_risk_user_banned_from_posting' } },
      });
    }
  });

  it('403 spam_risk_too_many_posts past the daily cap (15 by default), shared across the day', async () => {
    const token = await freshToken();
    const body = { post_info: { privacy_level: 'SELF_ONLY' }, source_info: fileSource(100, 100, 1) };
    for (let i = 0; i < 15; i++) {
      sandbox.ctx.clock.travel(11_000); // stay under the 6/min init limit
      expect((await callOpenApi(sandbox, token.access_token, VIDEO_INIT, { body })).status).toBe(200);
    }
    sandbox.ctx.clock.travel(11_000);
    const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, { body });
    expect(result).toMatchObject({ status: 403, json: { error: { code: 'spam_risk_too_many_posts' } } });
  });

  it('429 after 6 inits per minute per token, counted per endpoint', async () => {
    const token = await freshToken();
    const body = { post_info: { privacy_level: 'SELF_ONLY' }, source_info: fileSource(100, 100, 1) };
    for (let i = 0; i < 6; i++)
      expect((await callOpenApi(sandbox, token.access_token, VIDEO_INIT, { body })).status).toBe(200);
    const limited = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, { body });
    expect(limited).toMatchObject({ status: 429, json: { error: { code: 'rate_limit_exceeded' } } });
    expect((await callOpenApi(sandbox, token.access_token, INBOX_INIT, { body })).status).toBe(200);
  });

  it('401 scope_not_authorized without video.publish', async () => {
    const token = await freshToken({}, ['user.info.basic', 'video.upload']);
    const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, {
      body: { post_info: { privacy_level: 'SELF_ONLY' }, source_info: fileSource(100, 100, 1) },
    });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'scope_not_authorized' } } });
  });
});
