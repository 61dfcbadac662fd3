import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../core/config';
import { parseJsonWithInt64 } from '../core/int64-json';
import { type RunningSandbox, startSandbox } from '../server';
import { callApi, startWebhookReceiver } from './test-helpers';
import { type ConnectedBusiness, connectBusiness, sendCustomerDm } from './testing';

const APP = DEFAULT_CREDENTIALS.business;
let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let business: ConnectedBusiness;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
  receiver = await startWebhookReceiver();
  await callApi(sandbox, 'business/webhook/update/', {
    body: { app_id: APP.id, secret: APP.secret, event_type: 'DIRECT_MESSAGE', callback_url: receiver.url },
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await control('settings', {
    conversationIdFormat: 'opaque',
    messageIdFormat: 'number',
    messageBudget: 10,
    replyWindowHours: 48,
  });
  await fetch(`${sandbox.url}/_sandbox/webhooks/holds`, { method: 'DELETE' });
  business = await connectBusiness(sandbox);
  receiver.received.length = 0;
});

async function control(path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/business/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const dm = (body: Record<string, unknown> = {}) =>
  sendCustomerDm(sandbox, {
    businessUserId: business.user.id,
    customer: { id: 'cust' },
    text: 'hello',
    ...body,
  });

const send = (conversationId: string, text = 'Thanks!', who = business) =>
  callApi(sandbox, 'business/message/send/', {
    token: who.accessToken,
    body: {
      business_id: who.openId,
      recipient_type: 'CONVERSATION',
      recipient: conversationId,
      message_type: 'TEXT',
      text: { body: text },
    },
  });

const events = () =>
  receiver.received.map((hook) => {
    const envelope = JSON.parse(hook.body) as { event: string; content: string };
    return {
      event: envelope.event,
      raw: envelope.content,
      content: parseJsonWithInt64(envelope.content) as Record<string, unknown>,
    };
  });

describe('the reply budget and the window, configurable, with TikTok’s code', () => {
  it('refuses the message after the budget with 40064 until the customer writes again', async () => {
    await control('settings', { messageBudget: 2 });
    const { conversation } = await dm();
    expect([(await send(conversation.id)).json.code, (await send(conversation.id)).json.code]).toEqual([
      0, 0,
    ]);
    const refused = await send(conversation.id);
    expect(refused.json).toMatchObject({ code: 40064 });
    expect(refused.json.message).toContain('at most 2 messages');
    const summary = (await (
      await fetch(`${sandbox.url}/_sandbox/business/conversations?businessUserId=${business.user.id}`)
    ).json()) as {
      conversations: { messagesLeft: number; canReply: boolean }[];
    };
    expect(summary.conversations[0]).toMatchObject({ messagesLeft: 0, canReply: false });
    await dm({ conversationId: conversation.id });
    expect((await send(conversation.id)).json.code).toBe(0);
  });

  it('closes the window after the configured hours of sandbox time', async () => {
    await control('settings', { replyWindowHours: 1 });
    const { conversation } = await dm();
    sandbox.ctx.clock.travel(3_600_000 + 1);
    expect((await send(conversation.id)).json).toMatchObject({ code: 40064 });
  });

  it('refuses settings that make no sense', async () => {
    expect((await control('settings', { messageBudget: -1 })).status).toBe(400);
    expect((await control('settings', { conversationIdFormat: 'uuid' })).status).toBe(400);
    expect((await control('settings', { smileyBudget: 3 })).status).toBe(400);
  });
});

describe('ids as TikTok sends them', () => {
  it('message ids are bare 19-digit numbers in webhooks, send answers and history; a bare number sent back is read exactly', async () => {
    const { conversation, message } = await dm();
    const raw = await fetch(`${sandbox.url}/open_api/v1.3/business/message/send/`, {
      method: 'POST',
      headers: { 'Access-Token': business.accessToken, 'content-type': 'application/json' },
      body: `{"business_id":"${business.openId}","recipient_type":"CONVERSATION","recipient":"${conversation.id}","message_type":"TEXT","text":{"body":"quoted"},"referenced_message_info":{"referenced_message_id":${message.message_id}}}`,
    });
    const text = await raw.text();
    expect(text).toMatch(/"message_id":\d{19}\}/);
    const history = await fetch(
      `${sandbox.url}/open_api/v1.3/business/message/content/list/?business_id=${business.openId}&conversation_id=${encodeURIComponent(conversation.id)}`,
      { headers: { 'Access-Token': business.accessToken } },
    );
    const body = await history.text();
    expect(body).toContain(`"message_id":${message.message_id}`);
    expect(body).toContain(`"referenced_message_id":${message.message_id}`);
    await receiver.waitFor(2);
    expect(events()[1]?.raw).toContain(`"referenced_message_id":${message.message_id}`);
  });

  it('numeric conversation ids (switch) are 19 digits, bare in JSON, and work as recipient', async () => {
    await control('settings', { conversationIdFormat: 'numeric' });
    const { conversation } = await dm({ customer: { id: 'numeric-cust' } });
    expect(conversation.id).toMatch(/^\d{19}$/);
    const list = await fetch(
      `${sandbox.url}/open_api/v1.3/business/message/conversation/list/?business_id=${business.openId}&conversation_type=STRANGER`,
      { headers: { 'Access-Token': business.accessToken } },
    );
    expect(await list.text()).toContain(`"conversation_id":${conversation.id}`);
    expect((await send(conversation.id)).json.code).toBe(0);
  });

  it('message ids can be written as strings instead (switch)', async () => {
    await control('settings', { messageIdFormat: 'string' });
    const { message } = await dm();
    await receiver.waitFor(1);
    expect(events()[0]?.raw).toContain(`"message_id":"${message.message_id}"`);
  });
});

describe('what customers send, read and can receive', () => {
  it.each([
    ['sticker', { sticker: { url: expect.stringContaining('x-expires=') } }, 'STICKER'],
    ['emoji', { emoji: { url: expect.any(String) } }, 'EMOJI'],
    ['video', { video: { media_id: expect.any(String) } }, 'VIDEO'],
    ['voice_note', {}, 'OTHER'],
  ])('a %s message arrives with its payload (history type %s)', async (type, payload, historyType) => {
    const { conversation } = await dm({ type });
    await receiver.waitFor(1);
    expect(events()[0]?.content).toMatchObject({ type, ...payload });
    const { json } = await callApi<{ messages: { message_type: string }[] }>(
      sandbox,
      'business/message/content/list/',
      {
        token: business.accessToken,
        query: { business_id: business.openId, conversation_id: conversation.id },
      },
    );
    expect(json.data.messages.at(-1)?.message_type).toBe(historyType);
  });

  it('a read at a chosen millisecond sends im_mark_read_msg with exactly that timestamp', async () => {
    const { conversation } = await dm();
    await send(conversation.id, 'first');
    const readAt = sandbox.ctx.clock.nowMs() - 5;
    expect(
      (await control('read', { conversationId: conversation.id, lastReadTimestamp: readAt })).status,
    ).toBe(200);
    await receiver.waitFor(3);
    expect(events()[2]).toMatchObject({
      event: 'im_mark_read_msg',
      content: { read: { last_read_timestamp: readAt } },
    });
    expect(
      (
        await control('read', {
          conversationId: conversation.id,
          lastReadTimestamp: sandbox.ctx.clock.nowMs() + 60_000,
        })
      ).status,
    ).toBe(400);
  });

  it('image sending can be switched off per conversation', async () => {
    const { conversation } = await dm();
    await control(`conversations/${encodeURIComponent(conversation.id)}/capabilities`, { imageSend: false });
    const { json } = await callApi<{ capability_infos: unknown[] }>(
      sandbox,
      'business/message/capabilities/get/',
      {
        token: business.accessToken,
        query: {
          business_id: business.openId,
          conversation_id: conversation.id,
          conversation_type: 'STRANGER',
          capability_types: '["IMAGE_SEND"]',
        },
      },
    );
    expect(json.data.capability_infos).toEqual([{ capability_type: 'IMAGE_SEND', capability_result: false }]);
  });

  it('an image download can fail at the CDN and succeed on retry', async () => {
    const { conversation, message } = await dm({ type: 'image' });
    const { json } = await callApi<{ download_url: string }>(sandbox, 'business/message/media/download/', {
      token: business.accessToken,
      body: {
        business_id: business.openId,
        conversation_id: conversation.id,
        message_id: message.message_id,
        media_id: message.image?.media_id,
        media_type: 'IMAGE',
      },
    });
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'business.media.file', status: 503, count: 1 }),
    });
    const get = () => fetch(json.data.download_url, { headers: { 'x-user': business.accessToken } });
    const failed = await get();
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toContain('text/plain');
    expect((await get()).status).toBe(200);
  });
});

describe('echoes of our own sends, held and reordered', () => {
  it('holds the echoes of two sends and delivers them in reverse', async () => {
    const { conversation } = await dm();
    await receiver.waitFor(1);
    await fetch(`${sandbox.url}/_sandbox/webhooks/hold`, {
      method: 'POST',
      body: JSON.stringify({ events: ['im_send_msg'], userOpenId: business.openId }),
    });
    await send(conversation.id, 'one');
    await send(conversation.id, 'two');
    expect(receiver.received).toHaveLength(1);
    await fetch(`${sandbox.url}/_sandbox/webhooks/release`, {
      method: 'POST',
      body: JSON.stringify({ order: 'reverse' }),
    });
    expect(events().map((e) => (e.content.text as { body: string } | undefined)?.body)).toEqual([
      'hello',
      'two',
      'one',
    ]);
  });
});

describe('region-restricted accounts and bulk accounts', () => {
  it('an account registered in the EEA, Switzerland or the UK cannot message: 40001, and no DMs reach it', async () => {
    for (const region of ['DE', 'CH', 'GB']) {
      const user = sandbox.ctx.users.create({ kind: 'business', region }, sandbox.ctx.clock.nowMs());
      const restricted = await connectBusiness(sandbox, { user });
      const { json } = await callApi(sandbox, 'business/message/conversation/list/', {
        token: restricted.accessToken,
        query: { business_id: restricted.openId, conversation_type: 'SINGLE' },
      });
      expect(json).toMatchObject({ code: 40001 });
      expect(json.message).toContain('EEA');
      const profile = await callApi(sandbox, 'business/get/', {
        token: restricted.accessToken,
        query: { business_id: restricted.openId },
      });
      expect(profile.json.code).toBe(0);
      const customer = await fetch(`${sandbox.url}/_sandbox/business/dm`, {
        method: 'POST',
        body: JSON.stringify({ businessUserId: user.id, text: 'hi' }),
      });
      expect(customer.status).toBe(409);
    }
  });

  it('creates accounts in bulk with tokens and older conversations that the list endpoint backfills', async () => {
    const created = await control('accounts/bulk', { count: 3, conversationsEach: 2 });
    expect(created.status).toBe(201);
    const accounts = created.json.accounts as {
      openId: string;
      accessToken: string;
      conversationIds: string[];
    }[];
    expect(accounts).toHaveLength(3);
    const first = accounts[0] as (typeof accounts)[number];
    const { json } = await callApi<{ conversations: { conversation_id: string }[] }>(
      sandbox,
      'business/message/conversation/list/',
      { token: first.accessToken, query: { business_id: first.openId, conversation_type: 'STRANGER' } },
    );
    expect(json.data.conversations.map((c) => c.conversation_id).sort()).toEqual(
      [...first.conversationIds].sort(),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    expect((await control('accounts/bulk', { count: 0 })).status).toBe(400);
  });
});
