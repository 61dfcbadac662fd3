import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as postTiktok } from '@/app/api/webhooks/tiktok/route';
import { POST as postBusiness } from '@/app/api/webhooks/tiktok-business/route';
import { createDb } from '@/lib/db/create-db';
import { jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import {
  BUSINESS_SECRET,
  LOGIN_KIT_SECRET,
  signatureFor,
  webhookBody,
  webhookRequest,
} from '@/tests/helpers/signed-webhook';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/client', () => ({
  getDb: async () => current.db,
  getDbHandle: async () => ({ db: current.db }),
}));
// Webhook routes are public; the session modules (next-auth) are never reached, so keep them out.
vi.mock('@/lib/auth/current-user', () => ({ requireUser: vi.fn() }));
vi.mock('@/lib/auth/current-workspace', () => ({ requireWorkspaceContext: vi.fn() }));

async function counts(db: Db) {
  const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents);
  const [queued] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs);
  return { events: events?.n ?? -1, jobs: queued?.n ?? -1 };
}

describe.each(TEST_DB_KINDS)('webhook ingest on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  beforeEach(async () => {
    current.db = db;
    await db.delete(jobs);
    await db.delete(webhookEvents);
  });

  it('stores a signed event and its processing job together, and answers 200', async () => {
    const body = webhookBody({ openId: 'open-creator-1', content: { reason: 2 } });
    const response = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });

    const [event] = await db.select().from(webhookEvents);
    expect(event).toMatchObject({
      source: 'tiktok',
      event: 'authorization.removed',
      userOpenId: 'open-creator-1',
      clientKey: 'sbxclientkey0001',
      status: 'pending',
      attempts: 0,
      payload: JSON.parse(body),
    });
    expect(event?.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
    expect(event?.occurredAt).toBeInstanceOf(Date);
    const [job] = await db.select().from(jobs);
    expect(job).toMatchObject({
      type: 'webhooks.process-event',
      payload: { eventId: event?.id },
      status: 'pending',
      accountOpenId: 'open-creator-1',
    });
  });

  it('stores a redelivery once and enqueues one job, even when copies arrive at the same time', async () => {
    const body = webhookBody();
    const first = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)));
    // TikTok re-signs each retry: same bytes, different `t`.
    const retry = await postTiktok(
      webhookRequest(
        '/api/webhooks/tiktok',
        body,
        signatureFor(body, LOGIN_KIT_SECRET, Math.floor(Date.now() / 1000) - 5),
      ),
    );
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await counts(db)).toEqual({ events: 1, jobs: 1 });

    const burst = webhookBody();
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () =>
        postTiktok(webhookRequest('/api/webhooks/tiktok', burst, signatureFor(burst))).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await counts(db)).toEqual({ events: 2, jobs: 2 });
  });

  it('answers 401 without detail and stores nothing for missing, malformed, wrong or stale signatures', async () => {
    const body = webhookBody();
    const stale = Math.floor(Date.now() / 1000) - 301;
    for (const signature of [
      null,
      'nonsense',
      signatureFor(body, 'sbx-secret-someone-else'),
      signatureFor(body, LOGIN_KIT_SECRET, stale),
      signatureFor(`${body} `),
    ]) {
      const response = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signature));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthenticated', message: 'Unauthorized.' } });
    }
    expect(await counts(db)).toEqual({ events: 0, jobs: 0 });
  });

  it('checks each route against its own app’s secret only', async () => {
    const body = webhookBody({
      event: 'im_receive_msg',
      openId: 'biz-1',
      content: { conversation_id: 'c1' },
    });
    const wrongOnBusiness = await postBusiness(
      webhookRequest('/api/webhooks/tiktok-business', body, signatureFor(body, LOGIN_KIT_SECRET)),
    );
    const wrongOnCreator = await postTiktok(
      webhookRequest('/api/webhooks/tiktok', body, signatureFor(body, BUSINESS_SECRET)),
    );
    expect([wrongOnBusiness.status, wrongOnCreator.status]).toEqual([401, 401]);
    expect(await counts(db)).toEqual({ events: 0, jobs: 0 });

    const right = await postBusiness(
      webhookRequest('/api/webhooks/tiktok-business', body, signatureFor(body, BUSINESS_SECRET)),
    );
    expect(right.status).toBe(200);
    const [event] = await db.select().from(webhookEvents);
    expect(event).toMatchObject({ source: 'tiktok-business', event: 'im_receive_msg', userOpenId: 'biz-1' });
  });

  it('refuses a body over 1 MB with 413 and stores nothing', async () => {
    const body = webhookBody({ content: { padding: 'x'.repeat(1024 * 1024) } });
    const response = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)));
    expect(response.status).toBe(413);
    expect(await counts(db)).toEqual({ events: 0, jobs: 0 });
  });

  it('keeps every digit of int64 fields and stores signed bodies that are not JSON', async () => {
    const big = `{"client_key":"sbxclientkey0001","event":"portability.download.ready","create_time":1760000000,"request_id":7234567890123456789,"content":"{}"}`;
    expect((await postTiktok(webhookRequest('/api/webhooks/tiktok', big, signatureFor(big)))).status).toBe(
      200,
    );
    const [row] = await db
      .select({ requestId: sql<string>`${webhookEvents.payload}->>'request_id'` })
      .from(webhookEvents)
      .where(eq(webhookEvents.event, 'portability.download.ready'));
    expect(row?.requestId).toBe('7234567890123456789');

    const text = 'not json at all';
    expect((await postTiktok(webhookRequest('/api/webhooks/tiktok', text, signatureFor(text)))).status).toBe(
      200,
    );
    const [odd] = await db.select().from(webhookEvents).where(eq(webhookEvents.event, 'unknown'));
    expect(odd?.payload).toEqual({ unparsed: text });
    expect(await counts(db)).toEqual({ events: 2, jobs: 2 });
  });

  // JSON can spell what Postgres cannot hold (NUL, an unpaired surrogate): refusing it would fail
  // every retry for TikTok’s 72 hours, so the event is stored with those characters dropped or replaced.
  it.each([
    {
      spelled: 'NUL characters',
      body: `{"client_key":"sbxclientkey0001","event":"post.publish.\\u0000failed","user_openid":"open\\u0000-9","create_time":1760000000,"content":"{}"}`,
      stored: { event: 'post.publish.failed', userOpenId: 'open-9' },
      asText: false,
    },
    {
      spelled: 'an unpaired surrogate',
      body: `{"client_key":"sbxclientkey0001","event":"im_receive_msg","user_openid":"open-\\ud800","create_time":1760000000,"content":"{}"}`,
      stored: { event: 'im_receive_msg', userOpenId: 'open-\uFFFD' },
      asText: true,
    },
  ])('stores a signed delivery whose JSON spells $spelled', async ({ body, stored, asText }) => {
    expect((await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)))).status).toBe(
      200,
    );
    const [row] = await db.select().from(webhookEvents);
    expect(row).toMatchObject(stored);
    if (asText) expect(row?.payload).toEqual({ unparsed: body });
    expect(await counts(db)).toEqual({ events: 1, jobs: 1 });
  });

  it('answers 503 and leaves no half-stored event when the database fails mid-delivery', async () => {
    const body = webhookBody();
    // The event row is written, then storing its job fails inside the same statement.
    await db.execute(
      sql.raw(`create function fail_job_insert() returns trigger language plpgsql as $$
        begin raise exception 'disk full'; end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger fail_job_insert before insert on jobs for each row execute function fail_job_insert()',
      ),
    );
    try {
      const response = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)));
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('service_unavailable');
    } finally {
      await db.execute(sql.raw('drop trigger fail_job_insert on jobs'));
      await db.execute(sql.raw('drop function fail_job_insert()'));
    }
    expect(await counts(db)).toEqual({ events: 0, jobs: 0 });

    // TikTok's retry then lands normally.
    const retry = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)));
    expect(retry.status).toBe(200);
    expect(await counts(db)).toEqual({ events: 1, jobs: 1 });
  });
});

describe('webhook ingest with the database unreachable', () => {
  it('answers 503 (TikTok retries) rather than 500', async () => {
    const handle = await createDb({
      url: 'postgres://postgres@127.0.0.1:1/tokdesk_unreachable',
      maxConnections: 1,
    });
    try {
      const body = webhookBody();
      await expect(
        ingestWebhookEvent(handle.db, {
          source: 'tiktok',
          rawBody: Buffer.from(body),
          signature: signatureFor(body),
        }),
      ).rejects.toMatchObject({ code: 'service_unavailable', status: 503 });
      current.db = handle.db;
      const response = await postTiktok(webhookRequest('/api/webhooks/tiktok', body, signatureFor(body)));
      expect(response.status).toBe(503);
    } finally {
      await handle.close();
    }
  });
});
