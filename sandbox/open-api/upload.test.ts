import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { buildMp4 } from './sample-media';
import { getPost, putChunk, putRaw, uploadAll, waitForPost } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const SMALL = buildMp4({ durationSeconds: 10, totalBytes: 4000 });
const BIG = buildMp4({ durationSeconds: 30, totalBytes: 11_000_000 });
const CHUNK = 5_000_000;

async function initInbox(bytes: Buffer, chunkSize = bytes.length) {
  // A new creator each time: inbox shares are capped at 5 pending per user.
  const { tokens } = await connectCreator(sandbox);
  const result = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/inbox/video/init/', {
    body: {
      source_info: {
        source: 'FILE_UPLOAD',
        video_size: bytes.length,
        chunk_size: chunkSize,
        total_chunk_count: Math.floor(bytes.length / chunkSize),
      },
    },
  });
  if (result.status !== 200) throw new Error(result.text);
  return { publishId: String(result.json.data.publish_id), uploadUrl: String(result.json.data.upload_url) };
}

describe('PUT upload_url', () => {
  it('one chunk: 201 Created with Content-Range progress, then processing starts', async () => {
    const { publishId, uploadUrl } = await initInbox(SMALL);
    const response = await putChunk(uploadUrl, SMALL, 0, SMALL.length - 1);
    expect(response.status).toBe(201);
    expect(response.headers['content-range']).toBe(`bytes 0-${SMALL.length - 1}/${SMALL.length}`);
    const post = await waitForPost(sandbox, publishId, (p) => p.status === 'SEND_TO_USER_INBOX');
    expect(post.uploadedBytes).toBe(SMALL.length);
  });

  it('several chunks: 206 Partial Content until the last, which may exceed chunk_size', async () => {
    const { publishId, uploadUrl } = await initInbox(BIG, CHUNK);
    const first = await putChunk(uploadUrl, BIG, 0, CHUNK - 1);
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-${CHUNK - 1}/${BIG.length}`);
    expect((await getPost(sandbox, publishId)).status).toBe('PROCESSING_UPLOAD');
    const last = await putChunk(uploadUrl, BIG, CHUNK, BIG.length - 1);
    expect(last.status).toBe(201);
    await waitForPost(sandbox, publishId, (p) => p.status === 'SEND_TO_USER_INBOX');
  });

  it('416 when a chunk does not continue the upload (out of order or wrong size)', async () => {
    const { uploadUrl } = await initInbox(BIG, CHUNK);
    expect((await putChunk(uploadUrl, BIG, CHUNK, BIG.length - 1)).status).toBe(416);
    expect((await putChunk(uploadUrl, BIG, 0, CHUNK - 2)).status).toBe(416);
    expect((await putChunk(uploadUrl, BIG, 0, CHUNK - 1)).status).toBe(206);
    expect((await putChunk(uploadUrl, BIG, 0, CHUNK - 1)).status).toBe(416);
  });

  it('416 for bytes after the upload completed', async () => {
    const { uploadUrl } = await initInbox(SMALL);
    expect((await putChunk(uploadUrl, SMALL, 0, SMALL.length - 1)).status).toBe(201);
    expect((await putChunk(uploadUrl, SMALL, 0, SMALL.length - 1)).status).toBe(416);
  });

  it.each([
    ['a missing Content-Range', { 'content-type': 'video/mp4', 'content-length': '4000' }],
    [
      'a malformed Content-Range',
      { 'content-type': 'video/mp4', 'content-length': '4000', 'content-range': '0-3999/4000' },
    ],
    [
      'a total that is not video_size',
      { 'content-type': 'video/mp4', 'content-length': '4000', 'content-range': 'bytes 0-3999/4001' },
    ],
    [
      'an unsupported Content-Type',
      {
        'content-type': 'application/octet-stream',
        'content-length': '4000',
        'content-range': 'bytes 0-3999/4000',
      },
    ],
    [
      'Content-Length ≠ range length',
      { 'content-type': 'video/mp4', 'content-length': '3999', 'content-range': 'bytes 0-3999/4000' },
    ],
  ])('400 for %s, and the chunk can be retried', async (_name, headers) => {
    const { uploadUrl } = await initInbox(SMALL);
    const body = headers['content-length'] === '3999' ? SMALL.subarray(0, 3999) : SMALL;
    expect((await putRaw(uploadUrl, headers, body)).status).toBe(400);
    expect((await putChunk(uploadUrl, SMALL, 0, SMALL.length - 1)).status).toBe(201);
  });

  it('accepts video/quicktime and video/webm content types', async () => {
    for (const type of ['video/quicktime', 'video/webm']) {
      const { uploadUrl } = await initInbox(SMALL);
      expect(await uploadAll(uploadUrl, SMALL, SMALL.length, type)).toEqual([201]);
    }
  });

  it('404 for an unknown upload task or a wrong upload_token', async () => {
    const { uploadUrl } = await initInbox(SMALL);
    const wrongToken = new URL(uploadUrl);
    wrongToken.searchParams.set('upload_token', 'nope');
    expect((await putChunk(wrongToken.toString(), SMALL, 0, SMALL.length - 1)).status).toBe(404);
    const unknown = new URL(uploadUrl);
    unknown.searchParams.set('upload_id', 'v_inbox_file~v2.0');
    expect((await putChunk(unknown.toString(), SMALL, 0, SMALL.length - 1)).status).toBe(404);
  });

  it('403 once the upload URL is older than one hour', async () => {
    const { uploadUrl } = await initInbox(SMALL);
    sandbox.ctx.clock.travel(60 * 60 * 1000 + 1);
    expect((await putChunk(uploadUrl, SMALL, 0, SMALL.length - 1)).status).toBe(403);
  });

  it('streams chunks to disk: the upload host does not need the whole video in memory', async () => {
    const { publishId, uploadUrl } = await initInbox(BIG, CHUNK);
    expect(await uploadAll(uploadUrl, BIG, CHUNK)).toEqual([206, 201]);
    const post = await waitForPost(sandbox, publishId, (p) => p.status !== 'PROCESSING_UPLOAD');
    expect(post).toMatchObject({ status: 'SEND_TO_USER_INBOX', uploadedBytes: BIG.length, failReason: null });
  });
});
