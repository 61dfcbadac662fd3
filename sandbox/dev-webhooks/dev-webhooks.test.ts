import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callOpenApi,
  connectCreator,
  createUser,
  loginKitApp,
  postForm,
  startTestSandbox,
  type Tokens,
} from '../login-kit/testing';
import { buildMp4 } from '../open-api/sample-media';
import { uploadAll, waitForPost } from '../open-api/testing';
import type { RunningSandbox } from '../server';
import { startWebhookReceiver } from './webhook-receiver';

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startWebhookReceiver(loginKitApp(sandbox).secret);
  await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
    method: 'POST',
    body: JSON.stringify({ webhookUrl: receiver.url }),
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

async function publish(tokens: Tokens, options: { inbox?: boolean; privacy?: string; bytes?: Buffer } = {}) {
  const bytes = options.bytes ?? buildMp4({ durationSeconds: 8 });
  const source = {
    source: 'FILE_UPLOAD',
    video_size: bytes.length,
    chunk_size: bytes.length,
    total_chunk_count: 1,
  };
  const init = options.inbox
    ? await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/inbox/video/init/', {
        body: { source_info: source },
      })
    : await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
        body: { post_info: { privacy_level: options.privacy ?? 'PUBLIC_TO_EVERYONE' }, source_info: source },
      });
  const publishId = String(init.json.data.publish_id);
  await uploadAll(String(init.json.data.upload_url), bytes, bytes.length);
  return publishId;
}

const forPublish = (publishId: string) => (hook: { content: Record<string, unknown> }) =>
  hook.content.publish_id === publishId;

describe('developer webhooks', () => {
  it('signs every delivery and uses the documented envelope with content as a JSON string', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await publish(tokens);
    const hook = await receiver.waitFor('post.publish.complete', forPublish(publishId));
    expect(hook.validSignature).toBe(true);
    expect(hook.signature).toMatch(/^t=\d+,s=[0-9a-f]{64}$/);
    expect(Object.keys(hook.envelope).sort()).toEqual([
      'client_key',
      'content',
      'create_time',
      'event',
      'user_openid',
    ]);
    expect(hook.envelope).toMatchObject({ client_key: loginKitApp(sandbox).id, user_openid: tokens.open_id });
    expect(typeof hook.envelope.content).toBe('string');
    expect(String(hook.envelope.create_time)).toMatch(/^\d{10}$/);
    expect(hook.content).toEqual({ publish_id: publishId, publish_type: 'DIRECT_POST' });
  });

  it('post.publish.publicly_available carries the post id as an int64 number', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await publish(tokens);
    const hook = await receiver.waitFor('post.publish.publicly_available', forPublish(publishId));
    expect(String(hook.envelope.content)).toMatch(/"post_id":\d{19}[,}]/);
    const post = await waitForPost(sandbox, publishId, (p) => p.publiclyAvailable);
    expect(String(hook.envelope.content)).toContain(String(post.postIds[0]));
  });

  it('post.publish.no_longer_publicaly_available (sic) when the post turns private', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await publish(tokens);
    await waitForPost(sandbox, publishId, (p) => p.publiclyAvailable);
    await fetch(`${sandbox.url}/_sandbox/posts/${encodeURIComponent(publishId)}/outcome`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'private' }),
    });
    const hook = await receiver.waitFor('post.publish.no_longer_publicaly_available', forPublish(publishId));
    expect(hook.content).toMatchObject({ publish_id: publishId, publish_type: 'DIRECT_POST' });
  });

  it('post.publish.inbox_delivered with publish_type INBOX_SHARE, then complete when the user posts', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await publish(tokens, { inbox: true });
    const delivered = await receiver.waitFor('post.publish.inbox_delivered', forPublish(publishId));
    expect(delivered.content).toEqual({ publish_id: publishId, publish_type: 'INBOX_SHARE' });
    await fetch(`${sandbox.url}/_sandbox/posts/${encodeURIComponent(publishId)}/outcome`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'inbox_posted', privacyLevel: 'SELF_ONLY' }),
    });
    const complete = await receiver.waitFor('post.publish.complete', forPublish(publishId));
    expect(complete.content.publish_type).toBe('INBOX_SHARE');
  });

  it('post.publish.failed names the fail reason under `reason`', async () => {
    const { tokens } = await connectCreator(sandbox);
    const publishId = await publish(tokens, { bytes: buildMp4({ durationSeconds: 700 }) });
    const hook = await receiver.waitFor('post.publish.failed', forPublish(publishId));
    expect(hook.content).toEqual({
      publish_id: publishId,
      reason: 'duration_check_failed',
      publish_type: 'DIRECT_POST',
    });
  });

  it('authorization.removed with reason 5 after the developer revokes the token', async () => {
    const { tokens } = await connectCreator(sandbox);
    const app = loginKitApp(sandbox);
    await postForm(sandbox, '/v2/oauth/revoke/', {
      client_key: app.id,
      client_secret: app.secret,
      token: tokens.access_token,
    });
    const hook = await receiver.waitFor(
      'authorization.removed',
      (h) => h.envelope.user_openid === tokens.open_id,
    );
    expect(hook.content).toEqual({ reason: 5 });
    expect(hook.validSignature).toBe(true);
  });

  it('authorization.removed with the reason given to the control API (default 1: user disconnected)', async () => {
    const user = await createUser(sandbox);
    const { tokens } = await connectCreator(sandbox, { user });
    await fetch(`${sandbox.url}/_sandbox/authorizations/revoke`, {
      method: 'POST',
      body: JSON.stringify({ openId: tokens.open_id }),
    });
    expect(
      (await receiver.waitFor('authorization.removed', (h) => h.envelope.user_openid === tokens.open_id))
        .content,
    ).toEqual({ reason: 1 });
    const banned = await connectCreator(sandbox);
    await fetch(`${sandbox.url}/_sandbox/authorizations/revoke`, {
      method: 'POST',
      body: JSON.stringify({ openId: banned.tokens.open_id, reason: 4 }),
    });
    expect(
      (
        await receiver.waitFor(
          'authorization.removed',
          (h) => h.envelope.user_openid === banned.tokens.open_id,
        )
      ).content,
    ).toEqual({ reason: 4 });
  });

  it('post.publish.failed with auth_removed for posts processing when access is revoked', async () => {
    const user = await createUser(sandbox);
    const { tokens } = await connectCreator(sandbox, { user });
    const init = await callOpenApi(sandbox, tokens.access_token, '/v2/post/publish/video/init/', {
      body: {
        post_info: { privacy_level: 'SELF_ONLY' },
        source_info: { source: 'FILE_UPLOAD', video_size: 100, chunk_size: 100, total_chunk_count: 1 },
      },
    });
    const publishId = String(init.json.data.publish_id);
    await fetch(`${sandbox.url}/_sandbox/authorizations/revoke`, {
      method: 'POST',
      body: JSON.stringify({ userId: user.id }),
    });
    const hook = await receiver.waitFor('post.publish.failed', forPublish(publishId));
    expect(hook.content.reason).toBe('auth_removed');
  });
});
