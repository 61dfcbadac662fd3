import { createHmac } from 'node:crypto';
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
  // Week-long access tokens so time-travel tests exercise the reply window, not token expiry.
  const week = 7 * 86_400;
  const lifetimes = {
    loginKit: { accessSeconds: week, refreshSeconds: week },
    business: { accessSeconds: week, refreshSeconds: week },
  };
  sandbox = await startSandbox({ port: 0, snapshotPath: null, lifetimes });
  receiver = await startWebhookReceiver();
  const { json } = await callApi(sandbox, 'business/webhook/update/', {
    body: { app_id: APP.id, secret: APP.secret, event_type: 'DIRECT_MESSAGE', callback_url: receiver.url },
  });
  expect(json.code).toBe(0);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  business = await connectBusiness(sandbox);
  receiver.received.length = 0;
});

type Envelope = {
  client_key: string;
  event: string;
  create_time: number;
  user_openid: string;
  content: string;
};

function verify(webhook: { headers: Record<string, unknown>; body: string }) {
  const header = String(webhook.headers['tiktok-signature']);
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', APP.secret).update(`${parts.t}.${webhook.body}`).digest('hex');
  expect(parts.s).toBe(expected);
  expect(Math.abs(Date.now() / 1000 - Number(parts.t))).toBeLessThanOrEqual(5);
  const envelope = JSON.parse(webhook.body) as Envelope;
  // Ids in content are bare 19-digit numbers: read losslessly, as clients must.
  return { envelope, content: parseJsonWithInt64(envelope.content) as Record<string, unknown> };
}

const dm = (body: Record<string, unknown> = {}) =>
  sendCustomerDm(sandbox, { businessUserId: business.user.id, text: 'hello', ...body });

const send = (conversationId: string, extra: Record<string, unknown>) =>
  callApi(sandbox, 'business/message/send/', {
    token: business.accessToken,
    body: {
      business_id: business.openId,
      recipient_type: 'CONVERSATION',
      recipient: conversationId,
      message_type: 'TEXT',
      text: { body: 'Thanks!' },
      ...extra,
    },
  });

describe('DM webhooks', () => {
  it('a customer DM arrives as a signed im_receive_msg with the documented content', async () => {
    const { conversation, message } = await dm({
      customer: { id: 'cust-1', username: 'alice', displayName: 'Alice' },
    });
    const [webhook] = await receiver.waitFor(1);
    const { envelope, content } = verify(webhook!);
    expect(envelope).toMatchObject({
      client_key: APP.id,
      event: 'im_receive_msg',
      user_openid: business.openId,
    });
    expect(typeof envelope.content).toBe('string');
    expect(content).toMatchObject({
      conversation_id: conversation.id,
      message_id: message.message_id,
      type: 'text',
      from: 'alice',
      from_user: { id: 'cust-1' },
      to: business.user.username,
      to_user: { id: business.openId },
      text: { body: 'hello' },
    });
    expect(content.timestamp).toBeGreaterThan(1e12);
    expect(envelope.create_time).toBeLessThan(1e11);
    // The message id is an int64 beyond 2^53, written as a bare JSON number.
    expect(envelope.content).toContain(`"message_id":${message.message_id}`);
    expect(BigInt(message.message_id)).toBeGreaterThan(2n ** 53n);
  });

  it('a business reply fires im_send_msg and a customer read fires im_mark_read_msg', async () => {
    const { conversation, message } = await dm();
    const reply = await send(conversation.id, {
      referenced_message_info: { referenced_message_id: message.message_id },
    });
    expect(reply.json.code).toBe(0);
    const sentId = (reply.json.data.message as { message_id: string }).message_id;
    await fetch(`${sandbox.url}/_sandbox/business/read`, {
      method: 'POST',
      body: JSON.stringify({ conversationId: conversation.id }),
    });
    const hooks = (await receiver.waitFor(3)).map(verify);
    expect(hooks.map((h) => h.envelope.event)).toEqual(['im_receive_msg', 'im_send_msg', 'im_mark_read_msg']);
    expect(hooks[1]!.content).toMatchObject({
      message_id: sentId,
      from_user: { id: business.openId },
      to_user: { id: expect.any(String) },
      referenced_message_info: { referenced_message_id: message.message_id },
    });
    expect(hooks[2]!.content).toMatchObject({
      conversation_id: conversation.id,
      read: { last_read_timestamp: expect.any(Number) },
      from_user: hooks[0]!.content.from_user,
    });
  });

  it('shared posts and images carry share_post.embed_url and image.media_id', async () => {
    await dm({ type: 'share_post', embedUrl: 'https://www.tiktok.com/embed/123' });
    await dm({ type: 'image' });
    const [post, image] = (await receiver.waitFor(2)).map(verify);
    expect(post!.content).toMatchObject({
      type: 'share_post',
      share_post: { embed_url: 'https://www.tiktok.com/embed/123' },
    });
    expect(image!.content).toMatchObject({ type: 'image', image: { media_id: expect.any(String) } });
  });

  it('sends nothing for an account the app has not authorized', async () => {
    const stranger = sandbox.ctx.users.create({ kind: 'business' }, sandbox.ctx.clock.nowMs());
    await sendCustomerDm(sandbox, { businessUserId: stranger.id, text: 'hi' });
    await dm();
    const hooks = (await receiver.waitFor(1)).map(verify);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(1);
    expect(hooks[0]!.envelope.user_openid).toBe(business.openId);
  });
});

describe('business/message/send/ rules', () => {
  it('allows 6000 characters (code points) and refuses 6001 with 40002', async () => {
    const { conversation } = await dm();
    expect((await send(conversation.id, { text: { body: '😀'.repeat(6000) } })).json.code).toBe(0);
    const tooLong = await send(conversation.id, { text: { body: 'a'.repeat(6001) } });
    expect(tooLong.json).toMatchObject({ code: 40002, message: expect.stringContaining('6000') });
  });

  it('closes the reply window 48 h after the customer’s last message (sandbox clock)', async () => {
    const { conversation } = await dm();
    sandbox.ctx.clock.travel(47 * 3600_000);
    expect((await send(conversation.id, {})).json.code).toBe(0);
    sandbox.ctx.clock.travel(3600_000);
    const closed = await send(conversation.id, {});
    expect(closed.json).toMatchObject({ code: 40064, message: expect.stringContaining('48-hour') });
    await dm({ conversationId: conversation.id });
    expect((await send(conversation.id, {})).json.code).toBe(0);
  });

  it('allows 10 business messages per customer message', async () => {
    const { conversation } = await dm();
    for (let i = 0; i < 10; i++) expect((await send(conversation.id, {})).json.code).toBe(0);
    expect((await send(conversation.id, {})).json.code).toBe(40064);
  });

  it.each([
    ['unknown conversation', { recipient: 'MS4wLjABAAAAnope' }, 40002],
    ['recipient_type other than CONVERSATION', { recipient_type: 'USER' }, 40002],
    ['message_type SHARE_POST (inbound only)', { message_type: 'SHARE_POST' }, 40002],
    ['empty text', { text: { body: '  ' } }, 40002],
    ['text and image together', { image: { media_id: 'x' } }, 40002],
    [
      'IMAGE with an unknown media_id',
      { message_type: 'IMAGE', text: undefined, image: { media_id: 'nope' } },
      40007,
    ],
    ['quote of an unknown message', { referenced_message_info: { referenced_message_id: '1' } }, 40007],
    ['another account’s business_id', { business_id: 'someone-else' }, 40001],
    ['missing business_id', { business_id: undefined }, 40002],
  ])('refuses %s', async (_name, extra, code) => {
    const { conversation } = await dm();
    const body = { recipient: conversation.id, ...extra };
    expect((await send(conversation.id, body)).json.code).toBe(code);
  });

  it('needs the message.list.send scope (40001)', async () => {
    const { conversation } = await dm();
    business = await connectBusiness(sandbox, { user: business.user, scopes: ['message.list.read'] });
    expect((await send(conversation.id, {})).json.code).toBe(40001);
  });

  it('an unencoded + in conversation_id breaks the lookup, as on TikTok', async () => {
    const { conversation } = await dm();
    expect(conversation.id).toContain('+');
    const raw = `${sandbox.url}/open_api/v1.3/business/message/content/list/?business_id=${business.openId}&conversation_id=${conversation.id}`;
    const response = await fetch(raw, { headers: { 'Access-Token': business.accessToken } });
    expect(await response.json()).toMatchObject({
      code: 40002,
      message: 'Param conversation_id is invalid.',
    });
  });
});

describe('conversation and message lists', () => {
  it('lists STRANGER threads until the business replies, then SINGLE', async () => {
    const { conversation } = await dm();
    const list = (type: string) =>
      callApi<{ conversations: { conversation_id: string; up_time: number }[]; has_more: boolean }>(
        sandbox,
        'business/message/conversation/list/',
        { token: business.accessToken, query: { business_id: business.openId, conversation_type: type } },
      );
    expect((await list('STRANGER')).json.data.conversations.map((c) => c.conversation_id)).toEqual([
      conversation.id,
    ]);
    await send(conversation.id, {});
    expect((await list('STRANGER')).json.data.conversations).toEqual([]);
    expect((await list('SINGLE')).json.data).toMatchObject({
      conversations: [{ conversation_id: conversation.id, up_time: expect.any(Number) }],
      has_more: false,
    });
    expect((await list('GROUP')).json.code).toBe(40002);
  });

  it('pages conversations with limit and cursor', async () => {
    for (let i = 0; i < 3; i++) await dm({ customer: { id: `c-${i}` } });
    const query = { business_id: business.openId, conversation_type: 'STRANGER', limit: '2' };
    const first = await callApi<{ conversations: unknown[]; has_more: boolean; cursor: number }>(
      sandbox,
      'business/message/conversation/list/',
      { token: business.accessToken, query },
    );
    expect(first.json.data).toMatchObject({ has_more: true, cursor: 2 });
    const second = await callApi<{ conversations: unknown[]; has_more: boolean }>(
      sandbox,
      'business/message/conversation/list/',
      { token: business.accessToken, query: { ...query, cursor: '2' } },
    );
    expect(second.json.data.conversations).toHaveLength(1);
    expect(second.json.data.has_more).toBe(false);
  });

  it('returns the thread with uppercase message types, participants and sources', async () => {
    const { conversation } = await dm({ customer: { id: 'c-x', username: 'bob', displayName: 'Bob' } });
    await send(conversation.id, {});
    const { json } = await callApi<{
      messages: { message_type: string; sender: string; message_tag: { source: string } }[];
      participants: { role: string }[];
    }>(sandbox, 'business/message/content/list/', {
      token: business.accessToken,
      query: { business_id: business.openId, conversation_id: conversation.id },
    });
    expect(json.data.messages.map((m) => [m.message_type, m.sender, m.message_tag.source])).toEqual([
      ['TEXT', 'bob', 'APP'],
      ['TEXT', business.user.username, 'API'],
    ]);
    expect(json.data.participants.map((p) => p.role)).toEqual(['BUSINESS_ACCOUNT', 'PERSONAL_ACCOUNT']);
  });
});

describe('business/webhook/*', () => {
  it.each([
    ['wrong secret', { secret: 'x' }, 40101],
    ['unknown event_type', { event_type: 'LIVE' }, 40002],
    ['invalid callback_url', { callback_url: 'not a url' }, 40002],
    ['missing callback_url', { callback_url: undefined }, 40002],
  ])('update refuses %s', async (_name, extra, code) => {
    const body = {
      app_id: APP.id,
      secret: APP.secret,
      event_type: 'DIRECT_MESSAGE',
      callback_url: receiver.url,
      ...extra,
    };
    expect((await callApi(sandbox, 'business/webhook/update/', { body })).json.code).toBe(code);
  });

  it('lists the registered callback', async () => {
    const { json } = await callApi(sandbox, 'business/webhook/list/', {
      query: { app_id: APP.id, secret: APP.secret, event_type: 'DIRECT_MESSAGE' },
    });
    expect(json.data).toEqual({
      list: [{ app_id: APP.id, event_type: 'DIRECT_MESSAGE', callback_url: receiver.url }],
    });
  });
});
