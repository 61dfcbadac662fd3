import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '@/lib/db/schema';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { fetchPublishStatus } from '@/lib/tiktok/content-posting/fetch-publish-status';
import { initVideoPost } from '@/lib/tiktok/content-posting/init-video-post';
import { joinWebhookEventHandlers } from '@/lib/webhooks/event-handlers';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { webhookJobHandlers } from '@/lib/webhooks/job-handlers';
import type { WebhookEventInput } from '@/lib/webhooks/webhook-event-handler';
import { connectCreator, createUser } from '@/sandbox/login-kit/testing';
import { waitForPost } from '@/sandbox/open-api/testing';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';

// TikTok's post ids are 19 digits, above 2^53: `JSON.parse` rounds them (7212345678901234567
// becomes 7212345678901234000). The sandbox writes them as bare JSON numbers, as TikTok types them,
// in status/fetch and in the `content` of post.publish.* webhooks.
const EVENT = 'post.publish.publicly_available';

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

describe.each(TEST_DB_KINDS)('a 19-digit post id end to end (%s)', (kind) => {
  let testDb: TestDb;
  let receiver: Server;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    // Stands in for /api/webhooks/tiktok: the raw body and signature go to the same use case.
    receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const signature = req.headers['tiktok-signature'];
      await ingestWebhookEvent(testDb.db, {
        source: 'tiktok',
        rawBody: Buffer.concat(chunks),
        signature: typeof signature === 'string' ? signature : null,
      });
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    await fetch(`${stack.sandbox.url}/_sandbox/apps/login-kit`, {
      method: 'POST',
      body: JSON.stringify({ webhookUrl: `http://127.0.0.1:${port}/api/webhooks/tiktok` }),
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await testDb?.drop();
  });

  it('survives the client call, the signed webhook, storage and the handler, digit for digit', async () => {
    const user = await createUser(stack.sandbox, { privacy: 'public' });
    const { tokens } = await connectCreator(stack.sandbox, { user });
    const publish = await initVideoPost({
      accessToken: tokens.access_token,
      postInfo: { privacyLevel: 'PUBLIC_TO_EVERYONE', brandContentToggle: false, brandOrganicToggle: false },
      source: { source: 'PULL_FROM_URL', videoUrl: `${stack.sandbox.url}/_sandbox/media/sample.mp4` },
    });
    const post = await waitForPost(
      stack.sandbox,
      publish.publishId,
      (candidate) => candidate.publiclyAvailable,
    );
    const postId = post.postIds[0] ?? '';
    expect(BigInt(postId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));

    // The client call.
    const status = await fetchPublishStatus({
      accessToken: tokens.access_token,
      publishId: publish.publishId,
    });
    expect(status.publiclyAvailablePostIds).toEqual([postId]);

    // The signed webhook, stored as received.
    const stored = await waitForEvent(testDb, publish.publishId);
    expect(stored.content).toContain(`"post_id":${postId}`);

    // The handler gets the id as the exact string.
    const received: WebhookEventInput[] = [];
    const capturing = webhookJobHandlers(
      joinWebhookEventHandlers({
        [EVENT]: async (_tx, event) => {
          received.push(event);
          return { status: 'processed', note: 'captured by the test' };
        },
      }),
    );
    const registry = createJobRegistry(capturing.handlers);
    await runDueJobs({ db: testDb.db, registry, budgetMs: 10_000, workerId: 'lossless-ids' });
    const delivered = received.find(
      (event) => (event.content as { publish_id?: string }).publish_id === publish.publishId,
    );
    expect(delivered?.content).toMatchObject({ publish_id: publish.publishId, post_id: postId });
  });
});

/** Polls until the sandbox's delivery for this publish is stored; returns its `content` string. */
async function waitForEvent(testDb: TestDb, publishId: string): Promise<{ id: string; content: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await testDb.db
      .select({ id: webhookEvents.id, content: sql<string>`${webhookEvents.payload}->>'content'` })
      .from(webhookEvents)
      .where(eq(webhookEvents.event, EVENT));
    const row = rows.find((candidate) => candidate.content.includes(publishId));
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`no ${EVENT} webhook stored for ${publishId}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
