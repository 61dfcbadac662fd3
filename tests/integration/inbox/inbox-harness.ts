import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { inboxConversations, inboxMessages } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event';
import type { TikTokStack } from '@/tests/helpers/tiktok-stack';

// Imported late: the registry pulls in modules that read `env`, which must see the stack's URLs first.
const registry = () => import('@/lib/job-handlers');

/** Inbound images land in a temp folder, not the developer's `.data/storage`. */
export async function useTempStorageDir() {
  process.env.STORAGE_DIR = await mkdtemp(path.join(tmpdir(), 'tokdesk-inbox-'));
  return process.env.STORAGE_DIR;
}

export type Receiver = {
  /** Process `im_*` events as they arrive, before answering TikTok (echo-before-response tests). */
  inline: boolean;
  received: number;
  close: () => Promise<void>;
};

/** Stands in for /api/webhooks/tiktok-business: the raw body and signature go to the same use case. */
export async function startReceiver(db: Db, stack: TikTokStack): Promise<Receiver> {
  const state = { inline: false, received: 0 };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const signature = req.headers['tiktok-signature'];
    const result = await ingestWebhookEvent(db, {
      source: 'tiktok-business',
      rawBody: Buffer.concat(chunks),
      signature: typeof signature === 'string' ? signature : null,
    });
    state.received++;
    if (state.inline && result.eventId) {
      const { WEBHOOK_EVENT_HANDLERS } = await registry();
      await processWebhookEvent(db, {
        eventId: result.eventId,
        attempt: 1,
        maxAttempts: 10,
        handlers: WEBHOOK_EVENT_HANDLERS,
      });
    }
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`${stack.sandbox.url}/_sandbox/apps/business`, {
    method: 'POST',
    body: JSON.stringify({ webhookUrl: `http://127.0.0.1:${port}/api/webhooks/tiktok-business` }),
  });
  if (!response.ok) throw new Error(`sandbox app update: ${response.status} ${await response.text()}`);
  return Object.assign(state, {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Sandbox deliveries in flight (pending or being retried). */
async function deliveriesPending(stack: TikTokStack) {
  const response = await fetch(`${stack.sandbox.url}/_sandbox/webhooks/deliveries`);
  if (!response.ok) return 0;
  const body = (await response.json()) as { deliveries?: { state: string }[] };
  return (body.deliveries ?? []).filter((d) => d.state === 'pending').length;
}

/** Waits for the sandbox's webhooks to arrive, then runs due jobs until `done()` or 15 s. */
export async function settle(db: Db, stack: TikTokStack, done: () => Promise<boolean> = async () => true) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    while ((await deliveriesPending(stack)) > 0 && Date.now() < deadline) await sleep(20);
    await runDueJobs({
      db,
      registry: (await registry()).JOB_REGISTRY,
      budgetMs: 5_000,
      workerId: 'inbox-test',
    });
    if (await done()) return;
    if (Date.now() > deadline) throw new Error('settle: condition not met within 15 s');
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function conversationsOf(db: Db, accountId: string) {
  return db.select().from(inboxConversations).where(eq(inboxConversations.accountId, accountId));
}

export async function threadOf(db: Db, conversationId: string) {
  return db
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.conversationId, conversationId))
    .orderBy(asc(inboxMessages.tiktokTimestampMs), asc(inboxMessages.id));
}
