import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApi, startWebhookReceiver } from '../business/test-helpers';
import { type ConnectedBusiness, connectBusiness, sendCustomerDm } from '../business/testing';
import { DEFAULT_CREDENTIALS } from '../core/config';
import { startTestSandbox } from '../login-kit/testing';
import type { RunningSandbox } from '../server';

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let business: ConnectedBusiness;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startWebhookReceiver();
  const app = DEFAULT_CREDENTIALS.business;
  await callApi(sandbox, 'business/webhook/update/', {
    body: { app_id: app.id, secret: app.secret, event_type: 'DIRECT_MESSAGE', callback_url: receiver.url },
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/webhooks/holds`, { method: 'DELETE' });
  business = await connectBusiness(sandbox);
  receiver.received.length = 0;
});

async function control<T = Record<string, unknown>>(path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox/webhooks/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

const texts = () =>
  receiver.received.map((hook) => {
    const envelope = JSON.parse(hook.body) as { content: string };
    return (JSON.parse(envelope.content) as { text?: { body: string } }).text?.body;
  });

const dm = (text: string) =>
  sendCustomerDm(sandbox, { businessUserId: business.user.id, customer: { id: 'c1' }, text });

type Deliveries = { deliveries: { id: string; state: string; event: string; replayOf: string | null }[] };

describe('webhook deliveries on command', () => {
  it('holds matching deliveries, then releases them in reverse order', async () => {
    expect((await control('hold', { events: ['im_*'], userOpenId: business.openId })).status).toBe(201);
    for (const text of ['one', 'two', 'three']) await dm(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    const held = await control<Deliveries>('deliveries?state=held');
    expect(held.json.deliveries.map((d) => d.event)).toEqual([
      'im_receive_msg',
      'im_receive_msg',
      'im_receive_msg',
    ]);
    const released = await control<{ released: string[] }>('release', { order: 'reverse' });
    expect(released.json.released).toHaveLength(3);
    // Each delivery is answered before the next starts, so the order is exact.
    expect(texts()).toEqual(['three', 'two', 'one']);
  });

  it('releases chosen ids in the given order and leaves the others held', async () => {
    await control('hold', { events: ['im_receive_msg'] });
    for (const text of ['a', 'b', 'c']) await dm(text);
    const ids = (await control<Deliveries>('deliveries?state=held')).json.deliveries.map((d) => d.id);
    await control('release', { ids: [ids[2], ids[0]] });
    expect(texts()).toEqual(['c', 'a']);
    expect((await control<Deliveries>('deliveries?state=held')).json.deliveries.map((d) => d.id)).toEqual([
      ids[1],
    ]);
    expect((await control<{ discarded: string[] }>('discard', {})).json.discarded).toEqual([ids[1]]);
  });

  it('a hold with a count catches only that many deliveries', async () => {
    await control('hold', { count: 1 });
    await dm('held');
    await dm('sent');
    await receiver.waitFor(1);
    expect(texts()).toEqual(['sent']);
    expect((await control<{ holds: unknown[] }>('holds')).json.holds).toEqual([]);
  });

  it('another account’s events are not held by a rule for this one', async () => {
    const other = await connectBusiness(sandbox);
    await control('hold', { userOpenId: other.openId });
    await dm('not held');
    await receiver.waitFor(1);
    expect(texts()).toEqual(['not held']);
  });

  it('replays a delivered event with the same body, freshly signed', async () => {
    await dm('again');
    await receiver.waitFor(1);
    const [delivered] = (await control<Deliveries>('deliveries?state=delivered&limit=1')).json.deliveries;
    const replayed = await control<{ replayed: string[] }>('replay', { ids: [delivered?.id] });
    expect(replayed.json.replayed).toHaveLength(1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    const copy = (await control<Deliveries>('deliveries?limit=1')).json.deliveries[0];
    expect(copy?.replayOf).toBe(delivered?.id);
  });

  it('refuses malformed requests', async () => {
    expect((await control('hold', { events: 'im_*' })).status).toBe(400);
    expect((await control('hold', { count: 0 })).status).toBe(400);
    expect((await control('release', { order: 'random' })).status).toBe(400);
    expect((await control('replay', {})).status).toBe(400);
  });
});
