import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db/types';
import { getLiveHead } from '@/lib/live/get-live-head';
import { encodeLiveCursor, parseLiveCursor } from '@/lib/live/live-cursor';
import { LiveFeedHub } from '@/lib/live/live-feed-hub';
import { LIVE_RETENTION_MS } from '@/lib/live/live-retention';
import { openLiveStream } from '@/lib/live/open-live-stream';
import { pollLiveEvents } from '@/lib/live/poll-live-events';
import { pruneLiveEvents } from '@/lib/live/prune-live-events';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { readLiveEvents } from '@/lib/live/read-live-events';
import { nowMs } from '@/lib/time/clock';
import { removeMember } from '@/lib/workspaces/remove-member';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { SseReader } from '@/tests/helpers/sse-reader';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads until `count` events arrived: the horizon is the oldest open transaction of the whole
 * PostgreSQL cluster, and other test files' transactions on the same server hold it back a moment.
 */
async function readEvents(db: Db, workspaceId: string, after: { tx: number; id: number }, count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { events } = await readLiveEvents(db, { workspaceIds: [workspaceId], after, limit: 100 });
    if (events.length >= count || Date.now() > deadline) return events;
    await sleep(20);
  }
}

function changed(db: Db, workspaceId: string, accountId: string) {
  return db.transaction((tx) =>
    publishLiveEvent(tx, {
      workspaceId,
      type: 'account.status_changed',
      data: { accountId, status: 'disconnected', reason: null },
    }),
  );
}

describe.each(TEST_DB_KINDS)('live feed on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let hub: LiveFeedHub;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    hub = new LiveFeedHub({
      getDb: async () => db,
      listen: testDb.listen,
      pollMs: 200,
      fallbackPollMs: 50,
      idleStopMs: 200,
      membershipCheckMs: 100,
    });
  });
  afterAll(async () => {
    await sleep(300);
    await testDb?.drop();
  });

  it('an event commits with its transaction or not at all, and carries only the declared fields', async () => {
    const team = await createWorkspaceWithMembers(db);
    const head = await getLiveHead(db);
    await expect(
      db.transaction(async (tx) => {
        await publishLiveEvent(tx, {
          workspaceId: team.workspaceId,
          type: 'member.removed',
          data: { userId: 'u-rolled-back' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await expect(
      db.transaction((tx) =>
        publishLiveEvent(tx, {
          workspaceId: team.workspaceId,
          type: 'member.removed',
          data: { userId: 'u1', accessToken: 'secret' } as never,
        }),
      ),
    ).rejects.toThrow();
    await changed(db, team.workspaceId, 'acc-1');
    const events = await readEvents(db, team.workspaceId, head, 1);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['account.status_changed', { accountId: 'acc-1', status: 'disconnected', reason: null }],
    ]);
  });

  it('a stream delivers new events, resumes after Last-Event-ID without losing or repeating any, and other workspaces’ events never reach it', async () => {
    const team = await createWorkspaceWithMembers(db);
    const other = await createWorkspaceWithMembers(db);
    const head = encodeLiveCursor(await getLiveHead(db));
    const first = new AbortController();
    const response = await openLiveStream(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      cursor: head,
      hub,
      signal: first.signal,
      lifetimeMs: 60_000,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = new SseReader(response.body!);
    await changed(db, team.workspaceId, 'a1');
    await changed(db, other.workspaceId, 'not-mine');
    await changed(db, team.workspaceId, 'a2');
    await reader.waitFor((messages) => messages.length >= 2);
    first.abort();
    const resumeFrom = reader.lastEventId;

    // Committed while the client was away.
    await changed(db, team.workspaceId, 'a3');
    await changed(db, team.workspaceId, 'a4');
    const second = new AbortController();
    const again = new SseReader(
      (
        await openLiveStream(db, {
          workspaceId: team.workspaceId,
          userId: team.owner.id,
          cursor: resumeFrom,
          hub,
          signal: second.signal,
          lifetimeMs: 60_000,
        })
      ).body!,
    );
    await changed(db, team.workspaceId, 'a5');
    await again.waitFor((messages) => messages.length >= 3);
    second.abort();
    const ids = (r: SseReader) => r.events().map((event) => event.data.accountId);
    expect(ids(reader)).toEqual(['a1', 'a2']);
    expect(ids(again)).toEqual(['a3', 'a4', 'a5']);
  });

  it('a removed member’s stream ends with an end event, and a cursor from before the retention asks for a reload', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const agent = team.agents[0]!;
    const stream = new SseReader(
      (
        await openLiveStream(db, {
          workspaceId: team.workspaceId,
          userId: agent.id,
          cursor: null,
          hub,
          signal: new AbortController().signal,
          lifetimeMs: 60_000,
        })
      ).body!,
    );
    await removeMember(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      memberUserId: agent.id,
    });
    await stream.waitForEnd();
    expect(stream.messages.at(-1)).toMatchObject({ event: 'end', data: '{"reason":"membership"}' });

    const stale = encodeLiveCursor({ ...(await getLiveHead(db)), at: nowMs() - LIVE_RETENTION_MS });
    const polled = await pollLiveEvents(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      cursor: stale,
      waitMs: 0,
      hub,
      signal: new AbortController().signal,
    });
    expect(polled.reset).toBe(true);
    // After a reset only what follows the feed's current end comes (here at most the removal).
    expect(polled.events.filter((event) => event.type !== 'member.removed')).toEqual([]);
    expect(parseLiveCursor(polled.cursor)).not.toBeNull();
  });

  it('long polling answers as soon as an event commits, from the cursor of the previous answer', async () => {
    const team = await createWorkspaceWithMembers(db);
    const poll = (cursor: string | null, waitMs: number) =>
      pollLiveEvents(db, {
        workspaceId: team.workspaceId,
        userId: team.owner.id,
        cursor,
        waitMs,
        hub,
        signal: new AbortController().signal,
      });
    const start = await poll(null, 0);
    expect(start.events).toEqual([]);
    const waiting = poll(start.cursor, 10_000);
    await sleep(100);
    await changed(db, team.workspaceId, 'p1');
    const answer = await waiting;
    expect(answer.events.map((event) => event.type)).toEqual(['account.status_changed']);
    expect((await poll(answer.cursor, 0)).events).toEqual([]);
  });

  it('pruning removes rows past the retention only', async () => {
    const team = await createWorkspaceWithMembers(db);
    await changed(db, team.workspaceId, 'old');
    expect((await pruneLiveEvents(db, { now: new Date() })).deleted).toBe(0);
    const later = new Date(Date.now() + LIVE_RETENTION_MS + 60_000);
    expect((await pruneLiveEvents(db, { now: later })).deleted).toBeGreaterThan(0);
  });
});

// PGlite has one connection, so transactions never overlap there.
const CONCURRENT_KINDS = TEST_DB_KINDS.filter((kind) => kind === 'postgres');

describe.each(CONCURRENT_KINDS)('live feed ordering under concurrent writers on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let workspaceId: string;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    workspaceId = (await createWorkspaceWithMembers(db)).workspaceId;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('an event whose transaction commits after a later one was read is still delivered, in transaction order', async () => {
    const head = await getLiveHead(db);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => {};
    const insertedA = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    // A takes the lower id, then stays open while B commits a higher one.
    const slow = db.transaction(async (tx) => {
      await publishLiveEvent(tx, {
        workspaceId,
        type: 'account.status_changed',
        data: { accountId: 'A', status: 'disconnected', reason: null },
      });
      inserted();
      await held;
    });
    await insertedA;
    await changed(db, workspaceId, 'B');

    const whileOpen = await readLiveEvents(db, { workspaceIds: [workspaceId], after: head, limit: 10 });
    // An id cursor would hand out B now and skip A for good once A commits.
    expect(whileOpen.events).toEqual([]);
    expect(whileOpen.pending).toBe(true);
    release();
    await slow;
    const after = await readEvents(db, workspaceId, whileOpen.next, 2);
    expect(after.map((event) => event.data.accountId)).toEqual(['A', 'B']);
  });

  it('8 concurrent writers committing out of order: a polling reader gets every event exactly once', async () => {
    const head = await getLiveHead(db);
    const writers = 8;
    const perWriter = 60;
    let writing = true;
    const received: string[] = [];
    const reader = (async () => {
      let cursor: { tx: number; id: number } = head;
      for (;;) {
        const page = await readLiveEvents(db, { workspaceIds: [workspaceId], after: cursor, limit: 50 });
        for (const event of page.events) received.push(String(event.data.accountId));
        cursor = page.next;
        if (!writing && !page.pending && page.events.length === 0) return;
        await sleep(2);
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < perWriter; i += 1) {
          await db.transaction(async (tx) => {
            await publishLiveEvent(tx, {
              workspaceId,
              type: 'account.status_changed',
              data: { accountId: `${writer}-${i}`, status: 'active', reason: null },
            });
            // Hold some transactions open so later ids commit first.
            await sleep(Math.random() < 0.3 ? Math.random() * 25 : 0);
          });
        }
      }),
    );
    writing = false;
    await reader;
    expect(received).toHaveLength(writers * perWriter);
    expect(new Set(received).size).toBe(writers * perWriter);
    // Each writer's own events arrive in the order it committed them.
    for (let writer = 0; writer < writers; writer += 1) {
      const mine = received.filter((id) => id.startsWith(`${writer}-`));
      expect(mine).toEqual(Array.from({ length: perWriter }, (_, i) => `${writer}-${i}`));
    }
  });
});
