import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../server';
import { connectBusiness, sendCustomerDm } from './testing';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, snapshotPath: null });
});
afterAll(() => sandbox.close());

const getJson = async <T>(path: string) => (await (await fetch(`${sandbox.url}${path}`)).json()) as T;

describe('business control API', () => {
  it('seeds a business account with one conversation, again after reset', async () => {
    const seeded = () => sandbox.ctx.users.list('business').filter((u) => u.username === 'sandbox_shop');
    expect(seeded()).toHaveLength(1);
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(seeded()).toHaveLength(1);
    const { conversations } = await getJson<{ conversations: { businessUserId: string }[] }>(
      `/_sandbox/business/conversations?businessUserId=${seeded()[0]?.id}`,
    );
    expect(conversations).toHaveLength(1);
  });

  it('continues a conversation by customer id and lists its messages', async () => {
    const business = await connectBusiness(sandbox);
    const first = await sendCustomerDm(sandbox, {
      businessOpenId: business.openId,
      customer: { id: 'c1' },
      text: 'a',
    });
    const second = await sendCustomerDm(sandbox, {
      businessOpenId: business.openId,
      customer: { id: 'c1' },
      text: 'b',
    });
    expect(second.conversation.id).toBe(first.conversation.id);
    expect(second.conversation.canReply).toBe(true);
    const thread = await getJson<{ messages: { text: { body: string } }[] }>(
      `/_sandbox/business/conversations/${encodeURIComponent(first.conversation.id)}/messages`,
    );
    expect(thread.messages.map((m) => m.text.body)).toEqual(['a', 'b']);
    const unknown = await fetch(`${sandbox.url}/_sandbox/business/dm`, {
      method: 'POST',
      body: JSON.stringify({ conversationId: 'nope' }),
    });
    expect(unknown.status).toBe(404);
  });

  it('serves the conversations page and sends DMs from its form', async () => {
    const business = sandbox.ctx.users.create(
      { kind: 'business', username: 'page_biz' },
      sandbox.ctx.clock.nowMs(),
    );
    const page = await fetch(`${sandbox.url}/_sandbox/conversations?business=${business.id}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('@page_biz');
    const form = new URLSearchParams({
      business: business.id,
      conversation: '',
      customer_username: 'form_customer',
      type: 'text',
      text: 'sent from <the> page',
      action: 'dm',
    });
    const posted = await fetch(`${sandbox.url}/_sandbox/conversations`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    const thread = await fetch(`${sandbox.url}${posted.headers.get('location')}`);
    const html = await thread.text();
    expect(html).toContain('form_customer'.replace('_', ' '));
    expect(html).toContain('sent from &#60;the&#62; page');
  });
});

describe('snapshot', () => {
  it('keeps conversations, tokens and webhook URLs across a restart', async () => {
    const snapshotPath = join(mkdtempSync(join(tmpdir(), 'sbx-business-')), 'state.json');
    const first = await startSandbox({ port: 0, snapshotPath });
    const business = await connectBusiness(first);
    const { conversation } = await sendCustomerDm(first, {
      businessOpenId: business.openId,
      text: 'persist me',
    });
    await first.close();
    const second = await startSandbox({ port: 0, snapshotPath });
    try {
      const response = await fetch(
        `${second.url}/open_api/v1.3/business/message/content/list/?${new URLSearchParams({ business_id: business.openId, conversation_id: conversation.id })}`,
        { headers: { 'Access-Token': business.accessToken } },
      );
      const json = (await response.json()) as {
        code: number;
        data: { messages: { text: { body: string } }[] };
      };
      expect(json.code).toBe(0);
      expect(json.data.messages.map((m) => m.text.body)).toEqual(['persist me']);
    } finally {
      await second.close();
    }
  });
});
