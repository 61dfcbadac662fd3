import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { fileSource } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const VIDEO_INIT = '/v2/post/publish/video/init/';

async function freshToken(userBody: Record<string, unknown> = {}, scopes?: string[]) {
  const user = await createUser(sandbox, userBody);
  return (await connectCreator(sandbox, { user, scopes })).tokens;
}

describe('unaudited clients', () => {
  // A fresh 24 h window: only 5 users may post through an unaudited app per day.
  beforeAll(() => sandbox.ctx.clock.travel(25 * 3600 * 1000));
  const body = (privacy_level: string) => ({
    post_info: { privacy_level },
    source_info: fileSource(100, 100, 1),
  });

  it('403 unaudited_client_can_only_post_to_private_accounts for a public account, even with SELF_ONLY', async () => {
    const token = await freshToken({ privacy: 'public' });
    await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
      method: 'POST',
      body: JSON.stringify({ audited: false }),
    });
    try {
      const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, { body: body('SELF_ONLY') });
      expect(result).toMatchObject({
        status: 403,
        json: { error: { code: 'unaudited_client_can_only_post_to_private_accounts' } },
      });
      // creator_info still looks fully enabled, as on TikTok.
      const info = await callOpenApi(sandbox, token.access_token, '/v2/post/publish/creator_info/query/', {
        body: {},
      });
      expect(info.json.data.privacy_level_options).toContain('PUBLIC_TO_EVERYONE');
    } finally {
      await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
        method: 'POST',
        body: JSON.stringify({ audited: true }),
      });
    }
  });

  it('forces SELF_ONLY for a private account', async () => {
    const token = await freshToken({ privacy: 'private' });
    await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
      method: 'POST',
      body: JSON.stringify({ audited: false }),
    });
    try {
      const result = await callOpenApi(sandbox, token.access_token, VIDEO_INIT, {
        body: body('FOLLOWER_OF_CREATOR'),
      });
      expect(result.status).toBe(200);
      const post = (await (
        await fetch(
          `${sandbox.url}/_sandbox/posts/${encodeURIComponent(String(result.json.data.publish_id))}`,
        )
      ).json()) as {
        post: { privacyLevel: string };
      };
      expect(post.post.privacyLevel).toBe('SELF_ONLY');
    } finally {
      await fetch(`${sandbox.url}/_sandbox/apps/login-kit`, {
        method: 'POST',
        body: JSON.stringify({ audited: true }),
      });
    }
  });
});
