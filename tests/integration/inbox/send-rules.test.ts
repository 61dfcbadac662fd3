import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxConversations, inboxMessages, jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { addNote } from '@/lib/inbox/add-note';
import { countUnread } from '@/lib/inbox/count-unread';
import { getConversation } from '@/lib/inbox/get-conversation';
import { listConversations } from '@/lib/inbox/list-conversations';
import { listMessages } from '@/lib/inbox/list-messages';
import { sendReply } from '@/lib/inbox/send-reply';
import { updateConversation } from '@/lib/inbox/update-conversation';
import { createTestTiktokAccount } from '@/tests/factories/create-tiktok-account';
import { createTestUser } from '@/tests/factories/create-user';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const HOUR = 3_600_000;

describe.each(TEST_DB_KINDS)('inbox replies are checked by the server (%s)', (dbKind) => {
  let testDb: TestDb;
  let db: Db;
  let team: WorkspaceWithMembers;
  let accountId: string;

  beforeAll(async () => {
    testDb = await createTestDb(dbKind);
    db = testDb.db;
    team = await createWorkspaceWithMembers(db, { agents: 1 });
    accountId = (await createTestTiktokAccount(db, { workspaceId: team.workspaceId, kind: 'business' })).id;
  });
  afterAll(async () => {
    await testDb.drop();
  });

  async function conversation(lastInboundAgoMs: number | null, name = 'customer') {
    const [row] = await db
      .insert(inboxConversations)
      .values({
        workspaceId: team.workspaceId,
        accountId,
        tiktokConversationId: `conv-${crypto.randomUUID()}`,
        customerName: name,
        lastInboundAt: lastInboundAgoMs === null ? null : new Date(Date.now() - lastInboundAgoMs),
        unreadCount: 1,
      })
      .returning();
    return row!;
  }

  const agent = () => team.agents[0]!;
  const reply = (conversationId: string, text: string | null, imageMediaId?: string) =>
    sendReply(db, { workspaceId: team.workspaceId, userId: agent().id, conversationId, text, imageMediaId });

  it('queues a reply as sending with a send job', async () => {
    const c = await conversation(HOUR);
    const [message] = await reply(c.id, 'Hello!');
    expect(message).toMatchObject({ status: 'sending', direction: 'outbound', sentByUserId: agent().id });
    const queued = await db.select().from(jobs).where(eq(jobs.type, 'inbox.send-messages'));
    expect(
      queued.some((job) => (job.payload as { messageIds: string[] }).messageIds.includes(message!.id)),
    ).toBe(true);
  });

  it('refuses a send past the 48-hour window, and the composer state says why', async () => {
    const c = await conversation(49 * HOUR);
    await expect(reply(c.id, 'too late')).rejects.toMatchObject({
      code: 'unprocessable_entity',
      message: expect.stringContaining('48-hour'),
    });
    const view = await getConversation(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
    });
    expect(view.reply.canReply).toBe(false);
    expect(await db.select().from(inboxMessages).where(eq(inboxMessages.conversationId, c.id))).toHaveLength(
      0,
    );
  });

  it('refuses a conversation the customer never wrote in', async () => {
    const c = await conversation(null);
    await expect(reply(c.id, 'hi')).rejects.toMatchObject({
      message: expect.stringContaining('customer writes first'),
    });
  });

  it('refuses the 11th message before the customer answers', async () => {
    const c = await conversation(HOUR);
    for (let i = 0; i < 10; i++) await reply(c.id, `message ${i}`);
    const view = await getConversation(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
    });
    expect(view.reply).toMatchObject({ canReply: false, messagesLeft: 0 });
    await expect(reply(c.id, 'eleventh')).rejects.toMatchObject({
      message: expect.stringContaining('10 messages'),
    });
  });

  it('refuses 6001 characters and accepts 6000 (emoji count as one)', async () => {
    const c = await conversation(HOUR);
    await expect(reply(c.id, 'a'.repeat(6001))).rejects.toMatchObject({
      message: expect.stringContaining('6000'),
    });
    await expect(reply(c.id, '😀'.repeat(6000))).resolves.toHaveLength(1);
  });

  it("answers another workspace's conversation id with 404", async () => {
    const c = await conversation(HOUR);
    const outsider = await createTestUser(db);
    await expect(
      sendReply(db, {
        workspaceId: outsider.workspaceId,
        userId: outsider.id,
        conversationId: c.id,
        text: 'hi',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      listMessages(db, { workspaceId: outsider.workspaceId, userId: outsider.id, conversationId: c.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      sendReply(db, { workspaceId: team.workspaceId, userId: outsider.id, conversationId: c.id, text: 'hi' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('notes stay in the thread and out of the budget; assign, counts and filters follow', async () => {
    const c = await conversation(HOUR, 'Zed Notes');
    await addNote(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
      text: 'VIP customer',
    });
    const view = await getConversation(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
    });
    expect(view.reply.messagesLeft).toBe(10);
    const thread = await listMessages(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
    });
    expect(thread.messages.at(-1)).toMatchObject({ direction: 'note', text: 'VIP customer' });

    const before = await countUnread(db, { workspaceId: team.workspaceId, userId: agent().id });
    await updateConversation(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
      assigneeId: agent().id,
    });
    const after = await countUnread(db, { workspaceId: team.workspaceId, userId: agent().id });
    expect(after.mine).toBe(before.mine + 1);
    expect(after.unassigned).toBe(before.unassigned - 1);
    const mine = await listConversations(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      filter: 'mine',
      status: 'open',
    });
    expect(mine.conversations.map((row) => row.id)).toEqual([c.id]);
    const found = await listConversations(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      filter: 'all',
      status: 'open',
      q: 'zed',
    });
    expect(found.conversations.map((row) => row.id)).toEqual([c.id]);
    await updateConversation(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      conversationId: c.id,
      status: 'resolved',
    });
    const resolved = await listConversations(db, {
      workspaceId: team.workspaceId,
      userId: agent().id,
      filter: 'all',
      status: 'resolved',
    });
    expect(resolved.conversations.map((row) => row.id)).toEqual([c.id]);
  });

  it('pages the list by keyset without gaps or repeats', async () => {
    const ws = await createTestUser(db);
    const acc = (await createTestTiktokAccount(db, { workspaceId: ws.workspaceId, kind: 'business' })).id;
    const base = Date.now();
    await db.insert(inboxConversations).values(
      Array.from({ length: 75 }, (_, i) => ({
        workspaceId: ws.workspaceId,
        accountId: acc,
        tiktokConversationId: `page-${i}`,
        // Pairs share a timestamp, so the id breaks ties.
        lastMessageAt: new Date(base - Math.floor(i / 2) * 1000),
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listConversations(db, {
        workspaceId: ws.workspaceId,
        userId: ws.id,
        filter: 'all',
        status: 'open',
        cursor,
      });
      seen.push(...page.conversations.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(75);
    expect(new Set(seen).size).toBe(75);
  });
});
