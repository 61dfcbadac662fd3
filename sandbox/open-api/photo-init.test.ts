import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { waitForPost } from './testing';

let sandbox: RunningSandbox;
let jpeg: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  jpeg = `${sandbox.url}/_sandbox/media/sample.jpeg`;
});
afterAll(() => sandbox.close());

const PATH = '/v2/post/publish/content/init/';
const photoBody = (overrides: Record<string, unknown> = {}, source: Record<string, unknown> = {}) => ({
  media_type: 'PHOTO',
  post_mode: 'DIRECT_POST',
  post_info: {
    title: 'Photos',
    description: 'Many photos',
    privacy_level: 'PUBLIC_TO_EVERYONE',
    brand_content_toggle: false,
    brand_organic_toggle: false,
  },
  source_info: { source: 'PULL_FROM_URL', photo_images: [jpeg, jpeg], photo_cover_index: 0, ...source },
  ...overrides,
});

describe('POST /v2/post/publish/content/init/', () => {
  it('DIRECT_POST pulls the photos and publishes (p_pub_url id, no upload_url)', async () => {
    const { tokens } = await connectCreator(sandbox);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, { body: photoBody() });
    expect(result.status).toBe(200);
    expect(result.json.data.publish_id).toMatch(/^p_pub_url~v2\.\d+$/);
    expect(result.json.data.upload_url).toBeUndefined();
    const post = await waitForPost(
      sandbox,
      String(result.json.data.publish_id),
      (p) => p.status !== 'PROCESSING_DOWNLOAD',
    );
    expect(post.status).toBe('PUBLISH_COMPLETE');
  });

  it('MEDIA_UPLOAD goes to the inbox', async () => {
    const { tokens } = await connectCreator(sandbox);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({ post_mode: 'MEDIA_UPLOAD', post_info: { title: 't' } }),
    });
    const post = await waitForPost(
      sandbox,
      String(result.json.data.publish_id),
      (p) => p.status !== 'PROCESSING_DOWNLOAD',
    );
    expect(post.status).toBe('SEND_TO_USER_INBOX');
  });

  it('PNG photos fail with file_format_check_failed, unreachable ones with photo_pull_failed', async () => {
    const { tokens } = await connectCreator(sandbox);
    const png = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({}, { photo_images: [`${sandbox.url}/_sandbox/media/sample.png`] }),
    });
    expect(
      (await waitForPost(sandbox, String(png.json.data.publish_id), (p) => p.status === 'FAILED')).failReason,
    ).toBe('file_format_check_failed');
    const missing = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({}, { photo_images: [`${sandbox.url}/_sandbox/media/missing.jpeg`] }),
    });
    expect(
      (await waitForPost(sandbox, String(missing.json.data.publish_id), (p) => p.status === 'FAILED'))
        .failReason,
    ).toBe('photo_pull_failed');
  });

  it.each([
    ['media_type VIDEO', 400, 'invalid_params', { media_type: 'VIDEO' }, {}],
    ['post_mode "DIRECT POST" with a space', 400, 'invalid_params', { post_mode: 'DIRECT POST' }, {}],
    ['FILE_UPLOAD source', 400, 'invalid_params', {}, { source: 'FILE_UPLOAD' }],
    ['no photos', 400, 'invalid_params', {}, { photo_images: [] }],
    ['36 photos', 400, 'invalid_params', {}, { photo_images: Array(36).fill('x') }],
    ['missing photo_cover_index', 400, 'invalid_params', {}, { photo_cover_index: undefined }],
    ['photo_cover_index out of range', 400, 'invalid_params', {}, { photo_cover_index: 2 }],
    [
      'title over 90 units',
      400,
      'invalid_params',
      { post_info: { privacy_level: 'SELF_ONLY', title: 'x'.repeat(91) } },
      {},
    ],
    [
      'description over 4000 units',
      400,
      'invalid_params',
      { post_info: { privacy_level: 'SELF_ONLY', description: 'x'.repeat(4001) } },
      {},
    ],
    ['missing privacy_level', 403, 'privacy_level_option_mismatch', { post_info: { title: 't' } }, {}],
    [
      'unverified photo URL',
      403,
      'url_ownership_unverified',
      {},
      { photo_images: ['https://cdn.example.com/a.jpeg'] },
    ],
  ])('%s → %i %s', async (_name, status, code, overrides, source) => {
    const { tokens } = await connectCreator(sandbox);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody(overrides, source),
    });
    expect(result).toMatchObject({ status, json: { data: {}, error: { code } } });
  });

  it('accepts 35 photos', async () => {
    const { tokens } = await connectCreator(sandbox);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({}, { photo_images: Array(35).fill(jpeg), photo_cover_index: 34 }),
    });
    expect(result.status).toBe(200);
  });

  it('400 app_version_check_failed for MEDIA_UPLOAD when the user’s TikTok app is too old', async () => {
    const user = await createUser(sandbox);
    await fetch(`${sandbox.url}/_sandbox/users/${user.id}/flags`, {
      method: 'POST',
      body: JSON.stringify({ outdatedApp: true }),
    });
    const { tokens } = await connectCreator(sandbox, { user });
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({ post_mode: 'MEDIA_UPLOAD' }),
    });
    expect(result).toMatchObject({ status: 400, json: { error: { code: 'app_version_check_failed' } } });
  });

  it('403 spam_risk_too_many_pending_share for a 6th pending MEDIA_UPLOAD', async () => {
    const { tokens } = await connectCreator(sandbox);
    for (let i = 0; i < 5; i++) {
      sandbox.ctx.clock.travel(11_000);
      expect(
        (
          await callOpenApi(sandbox, tokens.access_token, PATH, {
            body: photoBody({ post_mode: 'MEDIA_UPLOAD' }),
          })
        ).status,
      ).toBe(200);
    }
    sandbox.ctx.clock.travel(11_000);
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({ post_mode: 'MEDIA_UPLOAD' }),
    });
    expect(result).toMatchObject({
      status: 403,
      json: { error: { code: 'spam_risk_too_many_pending_share' } },
    });
  });

  it.each([
    ['DIRECT_POST', ['video.upload'], 'video.publish'],
    ['MEDIA_UPLOAD', ['video.publish'], 'video.upload'],
  ])('401 scope_not_authorized for %s without %s', async (mode, scopes, missing) => {
    const { tokens } = await connectCreator(sandbox, { scopes });
    const result = await callOpenApi(sandbox, tokens.access_token, PATH, {
      body: photoBody({ post_mode: mode }),
    });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'scope_not_authorized' } } });
    expect(result.json.error.message).toContain(missing);
  });

  it('429 after 6 calls per minute', async () => {
    const { tokens } = await connectCreator(sandbox);
    for (let i = 0; i < 6; i++) await callOpenApi(sandbox, tokens.access_token, PATH, { body: photoBody() });
    expect((await callOpenApi(sandbox, tokens.access_token, PATH, { body: photoBody() })).status).toBe(429);
  });
});
