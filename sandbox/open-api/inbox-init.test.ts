import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpenApi, connectCreator, createUser, startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';
import { fileSource } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const INBOX_INIT = '/v2/post/publish/inbox/video/init/';

async function freshToken(userBody: Record<string, unknown> = {}, scopes?: string[]) {
  const user = await createUser(sandbox, userBody);
  return (await connectCreator(sandbox, { user, scopes })).tokens;
}

describe('POST /v2/post/publish/inbox/video/init/', () => {
  it('answers a v_inbox_file publish_id and ignores post_info', async () => {
    const token = await freshToken();
    const result = await callOpenApi(sandbox, token.access_token, INBOX_INIT, {
      body: { post_info: { title: 'ignored' }, source_info: fileSource(100, 100, 1) },
    });
    expect(result.json.data.publish_id).toMatch(/^v_inbox_file~v2\.\d+$/);
    expect(result.json.data.upload_url).toBeTruthy();
  });

  it('403 spam_risk_too_many_pending_share at the 6th pending share within 24 h', async () => {
    const token = await freshToken();
    const body = { source_info: fileSource(100, 100, 1) };
    for (let i = 0; i < 5; i++) {
      sandbox.ctx.clock.travel(11_000);
      expect((await callOpenApi(sandbox, token.access_token, INBOX_INIT, { body })).status).toBe(200);
    }
    sandbox.ctx.clock.travel(11_000);
    const result = await callOpenApi(sandbox, token.access_token, INBOX_INIT, { body });
    expect(result).toMatchObject({
      status: 403,
      json: { error: { code: 'spam_risk_too_many_pending_share' } },
    });
  });

  it('401 scope_not_authorized without video.upload', async () => {
    const token = await freshToken({}, ['video.publish']);
    const result = await callOpenApi(sandbox, token.access_token, INBOX_INIT, {
      body: { source_info: fileSource(100, 100, 1) },
    });
    expect(result).toMatchObject({ status: 401, json: { error: { code: 'scope_not_authorized' } } });
  });
});
