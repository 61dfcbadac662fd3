import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../dev-webhooks/webhook-receiver';
import {
  callOpenApi,
  connectCreator,
  loginKitApp,
  startTestSandbox,
  type TestUser,
  type Tokens,
} from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { FAIL_REASONS } from './publish-store';
import { buildMp4 } from './sample-media';
import { fileSource, uploadAll, waitForPost } from './testing';

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let user: TestUser;
let tokens: Tokens;
let ignoresRange: Server;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startWebhookReceiver(loginKitApp(sandbox).secret);
  await control('apps/login-kit', { webhookUrl: receiver.url });
  // Many inits per test: the 6-per-minute init limit has its own tests.
  await control('rate-limits', {
    rules: [
      { id: 'open-api.video.init', limit: 1000 },
      { id: 'open-api.inbox.init', limit: 1000 },
    ],
  });
  ignoresRange = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'video/mp4' }).end(buildMp4({ durationSeconds: 5 })),
  );
  await new Promise<void>((resolve) => ignoresRange.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
  await new Promise<void>((resolve) => ignoresRange.close(() => resolve()));
});
beforeEach(async () => {
  ({ user, tokens } = await connectCreator(sandbox));
});

async function control(path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const VIDEO = buildMp4({ durationSeconds: 8 });

async function directPost(privacy = 'SELF_ONLY') {
  const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
    body: { post_info: { privacy_level: privacy }, source_info: fileSource(VIDEO.length, VIDEO.length, 1) },
  });
  const publishId = String(init.json.data.publish_id);
  await uploadAll(String(init.json.data.upload_url), VIDEO, VIDEO.length);
  return publishId;
}

const status = async (publishId: string) =>
  (
    await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/status/fetch/', {
      body: { publish_id: publishId },
    })
  ).json.data;

describe('publishing outcomes on command', () => {
  it('a post armed to stall stays in processing, whatever time passes, until told otherwise', async () => {
    expect((await control('posts/arm', { userId: user.id, stall: true })).status).toBe(200);
    const publishId = await directPost();
    await new Promise((resolve) => setTimeout(resolve, 100));
    sandbox.ctx.clock.travel(7 * 86_400_000);
    ({ tokens } = await connectCreator(sandbox, { user }));
    expect(await status(publishId)).toMatchObject({
      status: 'PROCESSING_UPLOAD',
      uploaded_bytes: VIDEO.length,
    });
    const path = `posts/${encodeURIComponent(publishId)}/outcome`;
    expect((await control(path, { outcome: 'complete' })).json.post).toMatchObject({
      status: 'PUBLISH_COMPLETE',
      stalled: false,
    });
  });

  it('a running post can be told to stall', async () => {
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: fileSource(VIDEO.length, VIDEO.length, 1),
      },
    });
    const publishId = String(init.json.data.publish_id);
    expect(
      (await control(`posts/${encodeURIComponent(publishId)}/outcome`, { outcome: 'stall' })).status,
    ).toBe(200);
    await uploadAll(String(init.json.data.upload_url), VIDEO, VIDEO.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await status(publishId)).status).toBe('PROCESSING_UPLOAD');
  });

  it.each(FAIL_REASONS.filter((r) => r !== 'publish_cancelled' && r !== 'auth_removed'))(
    'fail_reason %s can be injected for the next post',
    async (reason) => {
      await control('posts/arm', { userId: user.id, failReason: reason });
      const publishId = await directPost();
      await waitForPost(sandbox, publishId, (post) => post.status === 'FAILED');
      expect(await status(publishId)).toMatchObject({ status: 'FAILED', fail_reason: reason });
      // The webhook names it `reason`, not `fail_reason`.
      const hook = await receiver.waitFor('post.publish.failed', (h) => h.content.publish_id === publishId);
      expect(hook.content.reason).toBe(reason);
    },
  );

  it('post.publish.* webhooks can be held and arrive only when released', async () => {
    await control('webhooks/hold', { events: ['post.publish.*'], userOpenId: tokens.open_id });
    const publishId = await directPost();
    await waitForPost(sandbox, publishId, (post) => post.status === 'PUBLISH_COMPLETE');
    const mine = () => receiver.received.filter((h) => h.content.publish_id === publishId);
    expect(mine()).toHaveLength(0);
    await fetch(`${sandbox.url}/_sandbox/webhooks/holds`, { method: 'DELETE' });
    await control('webhooks/release', {});
    expect(mine().map((h) => h.envelope.event)).toEqual(['post.publish.complete']);
  });

  it('refuses fail reasons TikTok does not have', async () => {
    expect((await control('posts/arm', { userId: user.id, failReason: 'bad_vibes' })).status).toBe(400);
  });
});

describe('creator_info variants per user', () => {
  it('privacy options can be set, and init enforces them', async () => {
    expect((await control(`users/${user.id}/flags`, { privacyLevelOptions: ['SELF_ONLY'] })).status).toBe(
      200,
    );
    const info = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/creator_info/query/', {
      body: {},
    });
    expect(info.json.data.privacy_level_options).toEqual(['SELF_ONLY']);
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: { post_info: { privacy_level: 'PUBLIC_TO_EVERYONE' }, source_info: fileSource(10, 10, 1) },
    });
    expect(init).toMatchObject({ status: 403, json: { error: { code: 'privacy_level_option_mismatch' } } });
  });

  it('the pending-share limit is per user and settable', async () => {
    await control(`users/${user.id}/flags`, { maxPendingShares: 1 });
    const inbox = () =>
      callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/inbox/video/init/', {
        body: { source_info: fileSource(10, 10, 1) },
      });
    expect((await inbox()).status).toBe(200);
    expect(await inbox()).toMatchObject({
      status: 403,
      json: { error: { code: 'spam_risk_too_many_pending_share' } },
    });
  });

  it('refuses flags that do not exist or have the wrong type', async () => {
    expect((await control(`users/${user.id}/flags`, { dailyPostCap: 'many' })).status).toBe(400);
    expect((await control(`users/${user.id}/flags`, { privacyLevelOptions: ['EVERYONE'] })).status).toBe(400);
    expect((await control(`users/${user.id}/flags`, { canFly: true })).status).toBe(400);
  });
});

describe('PULL_FROM_URL in ranges (opt-in)', () => {
  beforeAll(() => control('apps/login-kit', { pullInRanges: true }));
  afterAll(() => control('apps/login-kit', { pullInRanges: false }));

  const pull = async (url: string) => {
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'PULL_FROM_URL', video_url: url },
      },
    });
    return String(init.json.data.publish_id);
  };

  it('pulls a large file from a server that honours Range, range by range', async () => {
    const bytes = 9 * 1024 * 1024;
    const publishId = await pull(`${sandbox.url}/_sandbox/media/sample.mp4?duration=10&bytes=${bytes}`);
    const post = await waitForPost(sandbox, publishId, (p) => p.status !== 'PROCESSING_DOWNLOAD');
    expect(post).toMatchObject({ status: 'PUBLISH_COMPLETE', downloadedBytes: bytes });
  });

  it('fails with video_pull_failed when the server ignores Range', async () => {
    const url = `http://127.0.0.1:${(ignoresRange.address() as AddressInfo).port}/v.mp4`;
    await control('apps/login-kit', { verifiedUrlPrefixes: [url] });
    const publishId = await pull(url);
    const post = await waitForPost(sandbox, publishId, (p) => p.status === 'FAILED');
    expect(post.failReason).toBe('video_pull_failed');
  });
});
