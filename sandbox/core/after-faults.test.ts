import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApi, startWebhookReceiver } from '../business/test-helpers';
import { connectBusiness, sendCustomerDm } from '../business/testing';
import { DEFAULT_CREDENTIALS } from '../core/config';
import { callOpenApi, connectCreator, startTestSandbox, type Tokens } from '../login-kit/testing';
import { fileSource } from '../open-api/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
let tokens: Tokens;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
  ({ tokens } = await connectCreator(sandbox));
});

const addFault = async (fault: Record<string, unknown>) => {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
    method: 'POST',
    body: JSON.stringify({ count: 1, ...fault }),
  });
  return response.status;
};

/** A Direct Post init, raw, so a dropped connection shows as a rejected fetch. */
const init = (signal?: AbortSignal) =>
  fetch(`${sandbox.url}/v2/post/publish/video/init/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ post_info: { privacy_level: 'SELF_ONLY' }, source_info: fileSource(10, 10, 1) }),
    signal,
  });

const postCount = async () =>
  ((await (await fetch(`${sandbox.url}/_sandbox/posts`)).json()) as { posts: unknown[] }).posts.length;

describe('faults after the handler: TikTok did it, the answer was lost', () => {
  it('a 5xx after the handler ran: the client sees an error, yet the post exists', async () => {
    const before = await postCount();
    expect(
      await addFault({
        endpoint: 'open-api.video.init',
        after: true,
        status: 503,
        errorCode: 'internal_error',
      }),
    ).toBe(201);
    const response = await init();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ data: {}, error: { code: 'internal_error' } });
    expect(await postCount()).toBe(before + 1);
  });

  it('a dropped connection after the handler ran: the fetch fails, the post exists', async () => {
    const before = await postCount();
    await addFault({ endpoint: 'open-api.video.init', after: true, drop: true });
    await expect(init()).rejects.toThrow();
    expect(await postCount()).toBe(before + 1);
    const log = (await (
      await fetch(`${sandbox.url}/_sandbox/requests?endpoint=open-api.video.init&limit=1`)
    ).json()) as {
      requests: { status: number; fault: boolean }[];
    };
    expect(log.requests.at(-1)).toMatchObject({ status: 0, fault: true });
  });

  it('a hung answer after the handler ran: the client times out, the post exists', async () => {
    const before = await postCount();
    await addFault({ endpoint: 'open-api.video.init', after: true, timeout: true, hangMs: 2000 });
    await expect(init(AbortSignal.timeout(200))).rejects.toThrow();
    expect(await postCount()).toBe(before + 1);
  });

  it('a late answer: the real answer, delivered after latencyMs', async () => {
    await addFault({ endpoint: 'open-api.video.init', after: true, latencyMs: 150 });
    const started = Date.now();
    const response = await init();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { publish_id: string } }).data.publish_id).toMatch(
      /^v_pub_file/,
    );
  });

  it('a fault before the handler changes nothing at TikTok', async () => {
    const before = await postCount();
    await addFault({ endpoint: 'open-api.video.init', drop: true });
    await expect(init()).rejects.toThrow();
    expect(await postCount()).toBe(before);
  });

  it('faults fire once per count and only on their own endpoint', async () => {
    await addFault({ endpoint: 'open-api.video.init', after: true, status: 500, count: 2 });
    const user = await callOpenApi(sandbox, tokens.access_token, '/v2/user/info/?fields=open_id');
    expect(user.status).toBe(200);
    expect((await init()).status).toBe(500);
    expect((await init()).status).toBe(500);
    expect((await init()).status).toBe(200);
  });

  it.each([
    [{ after: true, drop: true, timeout: true }, 'exclude'],
    [{ drop: true, status: 500 }, 'no status'],
    [{ awaitWebhooks: true }, 'after'],
    [{ probability: 2 }, 'probability'],
  ])('refuses a fault that cannot work: %j', async (fault, reason) => {
    const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'open-api.video.init', ...fault }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(reason);
  });
});

describe('awaitWebhooks: the echo of a send arrives before the send answer', () => {
  it('im_send_msg reaches the app before business/message/send/ returns', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const app = DEFAULT_CREDENTIALS.business;
      await callApi(sandbox, 'business/webhook/update/', {
        body: {
          app_id: app.id,
          secret: app.secret,
          event_type: 'DIRECT_MESSAGE',
          callback_url: receiver.url,
        },
      });
      const business = await connectBusiness(sandbox);
      const { conversation } = await sendCustomerDm(sandbox, {
        businessUserId: business.user.id,
        text: 'hi',
      });
      await receiver.waitFor(1);
      await addFault({ endpoint: 'business.message.send', after: true, awaitWebhooks: true });
      const sent = await callApi(sandbox, 'business/message/send/', {
        token: business.accessToken,
        body: {
          business_id: business.openId,
          recipient_type: 'CONVERSATION',
          recipient: conversation.id,
          message_type: 'TEXT',
          text: { body: 'Thanks!' },
        },
      });
      // Already there when the answer arrives: no waiting needed.
      const events = receiver.received.map((hook) => (JSON.parse(hook.body) as { event: string }).event);
      expect(events).toEqual(['im_receive_msg', 'im_send_msg']);
      expect(sent.json.code).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});
