import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, startTestSandbox, type Tokens } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { buildMp4 } from './sample-media';
import { waitForPost } from './testing';

let sandbox: RunningSandbox;
let media: Server;
let mediaUrl: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  // A slow media host: lets the download be observed and cancelled mid-way.
  media = createServer((req, res) => {
    if (req.url?.startsWith('/slow')) {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.write(buildMp4({ durationSeconds: 5 }).subarray(0, 20));
      return; // never ends
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
    method: 'POST',
    body: JSON.stringify({ verifiedUrlPrefixes: [`${mediaUrl}/`] }),
  });
});
afterAll(async () => {
  media.closeAllConnections();
  media.close();
  await sandbox.close();
});

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

describe('POST /v2/post/publish/cancel/', () => {
  it('cancels a running download: FAILED with publish_cancelled', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await pull(tokens, `${mediaUrl}/slow.mp4`);
    await waitForPost(sandbox, publishId, (p) => p.downloadedBytes > 0);
    const result = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/cancel/', {
      body: { publish_id: publishId },
    });
    expect(result).toMatchObject({ status: 200, json: { data: {}, error: { code: 'ok' } } });
    const status = await callOpenApi(sandbox, tokens.access_token, STATUS, {
      body: { publish_id: publishId },
    });
    expect(status.json.data).toMatchObject({ status: 'FAILED', fail_reason: 'publish_cancelled' });
  });

  it('400 publish_not_cancellable for uploads and finished posts', async () => {
    const { tokens } = await connectCreator(sandbox);
    const { publishId } = await directUpload(tokens, buildMp4({ durationSeconds: 5 }));
    const result = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/cancel/', {
      body: { publish_id: publishId },
    });
    expect(result).toMatchObject({ status: 400, json: { error: { code: 'publish_not_cancellable' } } });
  });

  it('400 invalid_publish_id and token_not_authorized_for_specified_publish_id', async () => {
    const owner = await connectCreator(sandbox);
    const publishId = await pull(owner.tokens, `${mediaUrl}/slow.mp4`);
    const other = await connectCreator(sandbox);
    const foreign = await callOpenApi(sandbox, other.tokens.access_token, '/v2/post/publish/cancel/', {
      body: { publish_id: publishId },
    });
    expect(foreign.json.error.code).toBe('token_not_authorized_for_specified_publish_id');
    const unknown = await callOpenApi(sandbox, other.tokens.access_token, '/v2/post/publish/cancel/', {
      body: { publish_id: 'nope' },
    });
    expect(unknown).toMatchObject({ status: 400, json: { error: { code: 'invalid_publish_id' } } });
    await callOpenApi(sandbox, owner.tokens.access_token, '/v2/post/publish/cancel/', {
      body: { publish_id: publishId },
    });
  });
});
