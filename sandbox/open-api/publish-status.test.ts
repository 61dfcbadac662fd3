import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox, type Tokens } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { buildMp4, SAMPLE_WEBM } from './sample-media';
import { getPost, putChunk, uploadAll, waitForPost } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const STATUS = '/v2/post/publish/status/fetch/';

async function directUpload(tokens: Tokens, bytes: Buffer, privacy = 'PUBLIC_TO_EVERYONE') {
  const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
    body: {
      post_info: { privacy_level: privacy, title: 'A title' },
      source_info: {
        source: 'FILE_UPLOAD',
        video_size: bytes.length,
        chunk_size: bytes.length,
        total_chunk_count: 1,
      },
    },
  });
  const publishId = String(init.json.data.publish_id);
  return { publishId, uploadUrl: String(init.json.data.upload_url) };
}

async function pull(tokens: Tokens, url: string, privacy = 'SELF_ONLY') {
  const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
    body: { post_info: { privacy_level: privacy }, source_info: { source: 'PULL_FROM_URL', video_url: url } },
  });
  return String(init.json.data.publish_id);
}

describe('POST /v2/post/publish/status/fetch/', () => {
  it('FILE_UPLOAD Direct Post: PROCESSING_UPLOAD → PUBLISH_COMPLETE → public post id after moderation', async () => {
    const { tokens } = await connectCreator(sandbox);
    const bytes = buildMp4({ durationSeconds: 20, totalBytes: 5000 });
    const { publishId, uploadUrl } = await directUpload(tokens, bytes);
    const before = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(before.json.data).toEqual({
      status: 'PROCESSING_UPLOAD',
      publicaly_available_post_id: [],
      uploaded_bytes: 0,
      downloaded_bytes: 0,
    });
    await uploadAll(uploadUrl, bytes, bytes.length);
    await waitForPost(sandbox, publishId, (p) => p.publiclyAvailable);
    const after = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(after.json.data).toMatchObject({ status: 'PUBLISH_COMPLETE', uploaded_bytes: 5000 });
    // int64 post ids travel as bare JSON numbers, 19 digits long.
    expect(after.text).toMatch(/"publicaly_available_post_id":\[\d{19}\]/);
    const post = await getPost(sandbox, publishId);
    const list = await callOpenApi(sandbox, tokens.access_token, '/v2/video/list/?fields=id,title,duration', {
      body: {},
    });
    expect(list.json.data.videos).toEqual(
      expect.arrayContaining([{ id: post.postIds[0], title: 'A title', duration: 20 }]),
    );
  });

  it('SELF_ONLY posts complete without a public post id', async () => {
    const { tokens } = await connectCreator(sandbox);
    const bytes = buildMp4({ durationSeconds: 5 });
    const { publishId, uploadUrl } = await directUpload(tokens, bytes, 'SELF_ONLY');
    await uploadAll(uploadUrl, bytes, bytes.length);
    await waitForPost(sandbox, publishId, (p) => p.status === 'PUBLISH_COMPLETE');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const status = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(status.json.data).toMatchObject({ status: 'PUBLISH_COMPLETE', publicaly_available_post_id: [] });
  });

  it('stays in processing for publishStageMs, measured on the sandbox clock', async () => {
    const slow = await startTestSandbox({ publishStageMs: 60_000 });
    try {
      const { tokens } = await connectCreator(slow);
      const bytes = buildMp4({ durationSeconds: 5 });
      const init = await callOpenApi(slow, tokens.access_token, '/v2/post/publish/video/init/', {
        body: {
          post_info: { privacy_level: 'SELF_ONLY' },
          source_info: {
            source: 'FILE_UPLOAD',
            video_size: bytes.length,
            chunk_size: bytes.length,
            total_chunk_count: 1,
          },
        },
      });
      await uploadAll(String(init.json.data.upload_url), bytes, bytes.length);
      const body = { publish_id: init.json.data.publish_id };
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await callOpenApi(slow, tokens.access_token, STATUS, { body })).json.data.status).toBe(
        'PROCESSING_UPLOAD',
      );
      slow.ctx.clock.travel(60_000);
      expect((await callOpenApi(slow, tokens.access_token, STATUS, { body })).json.data.status).toBe(
        'PUBLISH_COMPLETE',
      );
    } finally {
      await slow.close();
    }
  });

  it.each([
    ['random bytes', Buffer.alloc(3000, 9), 'file_format_check_failed'],
    [
      'an mp4 without moov/mvhd',
      Buffer.concat([buildMp4({ durationSeconds: 1 }).subarray(0, 32), Buffer.alloc(100)]),
      'file_format_check_failed',
    ],
    ['an mp4 longer than 10 minutes', buildMp4({ durationSeconds: 601 }), 'duration_check_failed'],
  ])('FAILED with %s → %s', async (_name, bytes, reason) => {
    const { tokens } = await connectCreator(sandbox);
    const { publishId, uploadUrl } = await directUpload(tokens, bytes);
    await uploadAll(uploadUrl, bytes, bytes.length);
    await waitForPost(sandbox, publishId, (p) => p.status === 'FAILED');
    const status = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(status.json.data).toMatchObject({ status: 'FAILED', fail_reason: reason });
  });

  it('accepts WebM by its EBML magic', async () => {
    const { tokens } = await connectCreator(sandbox);
    const { publishId, uploadUrl } = await directUpload(tokens, SAMPLE_WEBM, 'SELF_ONLY');
    await uploadAll(uploadUrl, SAMPLE_WEBM, SAMPLE_WEBM.length, 'video/webm');
    expect((await waitForPost(sandbox, publishId, (p) => p.status !== 'PROCESSING_UPLOAD')).status).toBe(
      'PUBLISH_COMPLETE',
    );
  });

  it('reports uploaded_bytes while chunks arrive', async () => {
    const { tokens } = await connectCreator(sandbox);
    const bytes = buildMp4({ durationSeconds: 5, totalBytes: 10_500_000 });
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: {
          source: 'FILE_UPLOAD',
          video_size: bytes.length,
          chunk_size: 5_000_000,
          total_chunk_count: 2,
        },
      },
    });
    await putChunk(String(init.json.data.upload_url), bytes, 0, 4_999_999);
    const status = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: init.json.data.publish_id },
    });
    expect(status.json.data).toMatchObject({ status: 'PROCESSING_UPLOAD', uploaded_bytes: 5_000_000 });
  });

  it('PULL_FROM_URL: PROCESSING_DOWNLOAD → PUBLISH_COMPLETE with downloaded_bytes', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await pull(tokens, `${sandbox.url}/_sandbox/media/sample.mp4?duration=30&bytes=20000`);
    const post = await waitForPost(sandbox, publishId, (p) => p.status === 'PUBLISH_COMPLETE');
    expect(post.downloadedBytes).toBe(20000);
    const status = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(status.json.data).toMatchObject({ downloaded_bytes: 20000, uploaded_bytes: 0 });
  });

  it.each([
    ['a redirect', '/_sandbox/media/redirect.mp4'],
    ['a 404', '/_sandbox/media/missing.mp4'],
  ])('PULL_FROM_URL that answers %s fails with video_pull_failed', async (_name, path) => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await pull(tokens, `${sandbox.url}${path}`);
    const post = await waitForPost(sandbox, publishId, (p) => p.status === 'FAILED');
    expect(post.failReason).toBe('video_pull_failed');
  });

  it('inbox uploads stop at SEND_TO_USER_INBOX until the user posts from the app', async () => {
    const { tokens } = await connectCreator(sandbox);
    const bytes = buildMp4({ durationSeconds: 5 });
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/inbox/video/init/', {
      body: {
        source_info: {
          source: 'FILE_UPLOAD',
          video_size: bytes.length,
          chunk_size: bytes.length,
          total_chunk_count: 1,
        },
      },
    });
    const publishId = String(init.json.data.publish_id);
    await uploadAll(String(init.json.data.upload_url), bytes, bytes.length);
    await waitForPost(sandbox, publishId, (p) => p.status === 'SEND_TO_USER_INBOX');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await getPost(sandbox, publishId)).status).toBe('SEND_TO_USER_INBOX');
    await fetch(`${sandbox.url}/_sandbox/posts/${encodeURIComponent(publishId)}/outcome`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'inbox_posted' }),
    });
    expect((await waitForPost(sandbox, publishId, (p) => p.publiclyAvailable)).status).toBe(
      'PUBLISH_COMPLETE',
    );
  });

  it.each([
    ['missing', undefined, 'invalid_publish_id'],
    ['unknown', 'v_pub_file~v2-1.1', 'invalid_publish_id'],
  ])('400 %s publish_id → %s', async (_name, publishId, code) => {
    const { tokens } = await connectCreator(sandbox);
    const result = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(result).toMatchObject({ status: 400, json: { data: {}, error: { code } } });
  });

  it('400 token_not_authorized_for_specified_publish_id for another user’s post', async () => {
    const owner = await connectCreator(sandbox);
    const { publishId } = await directUpload(owner.tokens, buildMp4({ durationSeconds: 5 }));
    const other = await connectCreator(sandbox);
    const result = await callOpenApi(sandbox, other.tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(result).toMatchObject({
      status: 400,
      json: { error: { code: 'token_not_authorized_for_specified_publish_id' } },
    });
  });

  it('accepts a video.upload-only token and rate limits at 30/min', async () => {
    const { tokens } = await connectCreator(sandbox, { scopes: ['video.upload'] });
    const body = { publish_id: 'v_pub_file~v2-1.1' };
    for (let i = 0; i < 30; i++)
      expect((await callOpenApi(sandbox, tokens.access_token, STATUS, { body })).status).toBe(400);
    expect((await callOpenApi(sandbox, tokens.access_token, STATUS, { body })).json.error.code).toBe(
      'rate_limit_exceeded',
    );
  });

  it('401 scope_not_authorized without video.publish or video.upload', async () => {
    const { tokens } = await connectCreator(sandbox, { scopes: ['user.info.basic'] });
    const result = await callOpenApi(sandbox, tokens.access_token, STATUS, { body: { publish_id: 'x' } });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'scope_not_authorized' } } });
  });

  it('fails processing posts with auth_removed when the user revokes access', async () => {
    const user = await createUser(sandbox);
    const { tokens } = await connectCreator(sandbox, { user });
    const { publishId } = await directUpload(tokens, buildMp4({ durationSeconds: 5 }));
    await fetch(`${sandbox.url}/_sandbox/authorizations/revoke`, {
      method: 'POST',
      body: JSON.stringify({ userId: user.id }),
    });
    expect(await getPost(sandbox, publishId)).toMatchObject({ status: 'FAILED', failReason: 'auth_removed' });
  });

  it('applies outcomes armed through the control API', async () => {
    const user = await createUser(sandbox);
    await fetch(`${sandbox.url}/_sandbox/posts/arm`, {
      method: 'POST',
      body: JSON.stringify({ userId: user.id, failReason: 'spam_risk_text' }),
    });
    const { tokens } = await connectCreator(sandbox, { user });
    const bytes = buildMp4({ durationSeconds: 5 });
    const { publishId, uploadUrl } = await directUpload(tokens, bytes);
    await uploadAll(uploadUrl, bytes, bytes.length);
    expect((await waitForPost(sandbox, publishId, (p) => p.status === 'FAILED')).failReason).toBe(
      'spam_risk_text',
    );
  });
});
