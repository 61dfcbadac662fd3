import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboxMessages, jobs, mediaObjects, tiktokAccounts } from '@/lib/db/schema';
import { UNCONFIRMED_REASON } from '@/lib/inbox/confirm-send';
import { confirmSendJob, downloadDmMediaJob } from '@/lib/inbox/jobs';
import { sendReply } from '@/lib/inbox/send-reply';
import { sendCustomerDm } from '@/sandbox/business/testing';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import {
  conversationsOf,
  type Receiver,
  settle,
  sleep,
  startReceiver,
  threadOf,
  useTempStorageDir,
} from './inbox-harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let stack: TikTokStack;
beforeAll(async () => {
  await useTempStorageDir();
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

describe.each(TEST_DB_KINDS)('inbox deliveries (%s)', (dbKind) => {
  let testDb: TestDb;
  let team: WorkspaceWithMembers;
  let receiver: Receiver;

  beforeAll(async () => {
    testDb = await createTestDb(dbKind);
    team = await createWorkspaceWithMembers(testDb.db, { agents: 1 });
    receiver = await startReceiver(testDb.db, stack);
  });
  afterAll(async () => {
    await receiver.close();
    await testDb.drop();
  });
  afterEach(async () => {
    receiver.inline = false;
    await stack.clearFaults();
    await fetch(`${stack.sandbox.url}/_sandbox/webhooks/holds`, { method: 'DELETE' });
  });

  async function connectShop() {
    const { id, user } = await connectTestAccount(testDb.db, stack.sandbox, {
      kind: 'business',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
    const [account] = await testDb.db.select().from(tiktokAccounts).where(eq(tiktokAccounts.id, id));
    return { accountId: id, openId: account!.tiktokId, user: user! };
  }

  async function deliveriesOf(event: string, state: string) {
    const response = await fetch(
      `${stack.sandbox.url}/_sandbox/webhooks/deliveries?event=${event}&state=${state}`,
    );
    return ((await response.json()) as { deliveries: { id: string; userOpenId: string }[] }).deliveries;
  }

  async function makeDue(type: string) {
    await testDb.db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(and(eq(jobs.type, type), inArray(jobs.status, ['pending', 'failed'])));
  }

  async function hold(events: string[], openId: string) {
    await fetch(`${stack.sandbox.url}/_sandbox/webhooks/hold`, {
      method: 'POST',
      body: JSON.stringify({ events, userOpenId: openId }),
    });
  }

  it('a redelivered DM is stored once and bumps unread once', async () => {
    const shop = await connectShop();
    const dm = await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-redeliver', username: 'redeliver' },
      text: 'Hello there',
    });
    await settle(
      testDb.db,
      stack,
      async () => (await conversationsOf(testDb.db, shop.accountId)).length === 1,
    );
    const delivered = (await deliveriesOf('im_receive_msg', 'delivered')).filter(
      (d) => d.userOpenId === shop.openId,
    );
    await fetch(`${stack.sandbox.url}/_sandbox/webhooks/replay`, {
      method: 'POST',
      body: JSON.stringify({ ids: delivered.map((d) => d.id) }),
    });
    await settle(testDb.db, stack);
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    expect(conversation).toMatchObject({ unreadCount: 1, customerName: 'redeliver', status: 'open' });
    const thread = await threadOf(testDb.db, conversation!.id);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({
      direction: 'inbound',
      text: 'Hello there',
      tiktokMessageId: dm.message.message_id,
    });
  });

  it('a DM whose text spells a NUL or a lone surrogate is stored, cleaned', async () => {
    const shop = await connectShop();
    await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-odd-text', username: 'oddtext' },
      text: 'odd\u0000 text \ud800',
    });
    await settle(
      testDb.db,
      stack,
      async () => (await conversationsOf(testDb.db, shop.accountId)).length === 1,
    );
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    const thread = await threadOf(testDb.db, conversation!.id);
    expect(thread.map((m) => m.text)).toEqual(['odd text \uFFFD']);
  });

  it('reordered deliveries give the thread in TikTok order and the newest preview', async () => {
    const shop = await connectShop();
    await hold(['im_receive_msg'], shop.openId);
    let conversationId: string | undefined;
    for (const text of ['first', 'second', 'third']) {
      const dm = await sendCustomerDm(stack.sandbox, {
        businessOpenId: shop.openId,
        customer: { id: 'cust-order', username: 'orderly' },
        conversationId,
        text,
      });
      conversationId = dm.conversation.id;
      await sleep(5);
    }
    await fetch(`${stack.sandbox.url}/_sandbox/webhooks/release`, {
      method: 'POST',
      body: JSON.stringify({ order: 'reverse' }),
    });
    await settle(testDb.db, stack, async () => {
      const [c] = await conversationsOf(testDb.db, shop.accountId);
      return c?.unreadCount === 3;
    });
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    expect(conversation?.lastMessagePreview).toBe('third');
    const thread = await threadOf(testDb.db, conversation!.id);
    expect(thread.map((m) => m.text)).toEqual(['first', 'second', 'third']);
  });

  it('an echo processed before the send call returns reconciles our row: one message, sent, then read', async () => {
    const shop = await connectShop();
    const dm = await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-echo', username: 'echo' },
      text: 'Need help',
    });
    await settle(
      testDb.db,
      stack,
      async () => (await conversationsOf(testDb.db, shop.accountId)).length === 1,
    );
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    receiver.inline = true;
    await stack.addFault({ endpoint: 'business.message.send', after: true, awaitWebhooks: true, count: 1 });
    const [mine] = await sendReply(testDb.db, {
      workspaceId: team.workspaceId,
      userId: team.agents[0]!.id,
      conversationId: conversation!.id,
      text: 'On it!',
    });
    await settle(testDb.db, stack, async () =>
      (await threadOf(testDb.db, conversation!.id)).every((m) => m.status !== 'sending'),
    );
    let thread = await threadOf(testDb.db, conversation!.id);
    expect(thread.filter((m) => m.direction === 'outbound')).toEqual([
      expect.objectContaining({ id: mine!.id, status: 'sent', text: 'On it!', sentFromTikTokApp: false }),
    ]);
    expect(thread.find((m) => m.id === mine!.id)?.tiktokMessageId).toBeTruthy();

    receiver.inline = false;
    await fetch(`${stack.sandbox.url}/_sandbox/business/read`, {
      method: 'POST',
      body: JSON.stringify({ conversationId: dm.conversation.id }),
    });
    await settle(testDb.db, stack, async () =>
      (await threadOf(testDb.db, conversation!.id)).some((m) => m.status === 'read'),
    );
    thread = await threadOf(testDb.db, conversation!.id);
    expect(thread.find((m) => m.id === mine!.id)?.status).toBe('read');
  });

  it('a message typed in the TikTok app is stored once, flagged as such', async () => {
    const shop = await connectShop();
    const dm = await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-app', username: 'appuser' },
      text: 'Hi',
    });
    await fetch(`${stack.sandbox.url}/_sandbox/business/app-message`, {
      method: 'POST',
      body: JSON.stringify({ conversationId: dm.conversation.id, text: 'typed on my phone' }),
    });
    await settle(testDb.db, stack, async () => {
      const [c] = await conversationsOf(testDb.db, shop.accountId);
      return c ? (await threadOf(testDb.db, c.id)).length === 2 : false;
    });
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    const thread = await threadOf(testDb.db, conversation!.id);
    expect(thread[1]).toMatchObject({
      direction: 'outbound',
      sentFromTikTokApp: true,
      status: 'sent',
      text: 'typed on my phone',
    });
  });

  it('a send that times out after TikTok accepted it is never sent twice, and the echo reconciles it', async () => {
    const shop = await connectShop();
    const dm = await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-timeout', username: 'timeout' },
      text: 'Are you there?',
    });
    await settle(
      testDb.db,
      stack,
      async () => (await conversationsOf(testDb.db, shop.accountId)).length === 1,
    );
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    await hold(['im_send_msg'], shop.openId);
    await stack.clearRequests();
    await stack.addFault({
      endpoint: 'business.message.send',
      after: true,
      timeout: true,
      hangMs: 200,
      count: 1,
    });
    const [mine] = await sendReply(testDb.db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      conversationId: conversation!.id,
      text: 'Yes!',
    });
    await settle(testDb.db, stack, async () => {
      const [row] = await testDb.db.select().from(inboxMessages).where(eq(inboxMessages.id, mine!.id));
      return row?.outcomeUnknown === true;
    });
    // Run everything due again: nothing may send it a second time.
    await settle(testDb.db, stack);
    expect(await stack.requestCount('business.message.send')).toBe(1);
    const [pending] = await testDb.db.select().from(inboxMessages).where(eq(inboxMessages.id, mine!.id));
    expect(pending).toMatchObject({ status: 'sending', tiktokMessageId: null });

    await fetch(`${stack.sandbox.url}/_sandbox/webhooks/release`, { method: 'POST', body: '{}' });
    await settle(testDb.db, stack, async () => {
      const [row] = await testDb.db.select().from(inboxMessages).where(eq(inboxMessages.id, mine!.id));
      return row?.status === 'sent';
    });
    const thread = await threadOf(testDb.db, conversation!.id);
    expect(thread.filter((m) => m.direction === 'outbound')).toHaveLength(1);
    const sandboxThread = (await (
      await fetch(
        `${stack.sandbox.url}/_sandbox/business/conversations/${encodeURIComponent(dm.conversation.id)}/messages`,
      )
    ).json()) as { messages: unknown[] };
    expect(sandboxThread.messages).toHaveLength(2);
    expect(await stack.requestCount('business.message.send')).toBe(1);
  });

  it('a send with no answer and no echo fails with a clear reason after the grace period, not re-sent', async () => {
    const shop = await connectShop();
    await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-lost', username: 'lost' },
      text: 'Hello?',
    });
    await settle(
      testDb.db,
      stack,
      async () => (await conversationsOf(testDb.db, shop.accountId)).length === 1,
    );
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    await stack.clearRequests();
    // Nothing reaches TikTok, the connection just dies: the outcome is unknown all the same.
    await stack.addFault({ endpoint: 'business.message.send', drop: true, count: 1 });
    const [mine] = await sendReply(testDb.db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      conversationId: conversation!.id,
      text: 'Lost in transit',
    });
    await settle(testDb.db, stack, async () => {
      const [row] = await testDb.db.select().from(inboxMessages).where(eq(inboxMessages.id, mine!.id));
      return row?.outcomeUnknown === true;
    });
    // The grace period is over (moved forward in the queue rather than on the clock, which the
    // outbound limiter's Redis windows would not survive moving back).
    await makeDue(confirmSendJob.type);
    await settle(testDb.db, stack, async () => {
      const [row] = await testDb.db.select().from(inboxMessages).where(eq(inboxMessages.id, mine!.id));
      return row?.status === 'failed';
    });
    const [failed] = await testDb.db.select().from(inboxMessages).where(eq(inboxMessages.id, mine!.id));
    expect(failed?.failureReason).toBe(UNCONFIRMED_REASON);
    expect(await stack.requestCount('business.message.send')).toBe(1);
    const confirmJobs = await testDb.db.select().from(jobs).where(eq(jobs.type, confirmSendJob.type));
    expect(confirmJobs.length).toBeGreaterThanOrEqual(1);
  });

  it('an inbound image is downloaded once, even when the first download fails', async () => {
    const shop = await connectShop();
    await stack.addFault({ endpoint: 'business.media.file', status: 500, count: 1 });
    await sendCustomerDm(stack.sandbox, {
      businessOpenId: shop.openId,
      customer: { id: 'cust-image', username: 'pics' },
      type: 'image',
      imageBase64: PNG.toString('base64'),
      imageContentType: 'image/png',
    });
    await settle(
      testDb.db,
      stack,
      async () => (await conversationsOf(testDb.db, shop.accountId)).length === 1,
    );
    const [conversation] = await conversationsOf(testDb.db, shop.accountId);
    // The failed attempt retries after its backoff.
    await makeDue(downloadDmMediaJob.type);
    await settle(
      testDb.db,
      stack,
      async () => (await threadOf(testDb.db, conversation!.id))[0]?.mediaId != null,
    );
    const [message] = await threadOf(testDb.db, conversation!.id);
    const stored = await testDb.db
      .select()
      .from(mediaObjects)
      .where(and(eq(mediaObjects.workspaceId, team.workspaceId), eq(mediaObjects.purpose, 'dm_inbound')));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: message!.mediaId,
      status: 'ready',
      size: PNG.length,
      contentType: 'image/png',
    });
    expect(await stack.requestCount('business.media.file')).toBeGreaterThanOrEqual(2);
  });

  it('a newly connected account gets its recent conversations from the history API, once', async () => {
    const user = stack.sandbox.ctx.users.create({ kind: 'business' }, stack.sandbox.ctx.clock.nowMs());
    // Written before Tokdesk was connected: no webhook reached us.
    await sendCustomerDm(stack.sandbox, {
      businessOpenId: user.openId,
      customer: { id: 'cust-history', username: 'history' },
      text: 'Older question',
    });
    const { id: accountId } = await connectTestAccount(testDb.db, stack.sandbox, {
      kind: 'business',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      sandboxUserId: user.id,
    });
    await settle(testDb.db, stack, async () => (await conversationsOf(testDb.db, accountId)).length > 0);
    const [conversation] = await conversationsOf(testDb.db, accountId);
    expect(conversation).toMatchObject({ unreadCount: 0, lastMessagePreview: 'Older question' });
    expect(conversation?.lastInboundAt).not.toBeNull();
    const thread = await threadOf(testDb.db, conversation!.id);
    expect(thread.map((m) => [m.direction, m.text])).toEqual([['inbound', 'Older question']]);
  });
});
