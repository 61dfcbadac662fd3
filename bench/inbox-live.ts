import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDb } from '../lib/db/create-db';
import { inboxConversations, tiktokAccounts } from '../lib/db/schema';
import { BUSINESS_APP_ID, startIngestStack } from './support/ingest-stack';
import { type LoadResult, runFixedRate } from './support/load-generator';
import { seedWorkspaceMembers } from './support/seed-members';
import { SseClient, type SseConnection } from './support/sse-client';
import { startJobWorker, stopJobWorker } from './support/start-job-worker';

/**
 * `npm run bench -- inbox-live [--rate 200] [--seconds 30] [--listeners 20] [--conversations 500]
 * [--drain-seconds 20] [--baseline-seconds 10] [--ticker off|on] [--port 3500]`
 *
 * Customer DMs arriving live, end to end, in the production set-up: `next start` on a fresh
 * database on the machine's PostgreSQL (the webhook-ingest stack), signed `im_receive_msg`
 * deliveries to `/api/webhooks/tiktok-business` at a fixed rate (open model), processed by
 * `npm run jobs:work` beside a `JOBS_TICKER=off` web process (what the README recommends at this
 * volume; `--ticker on` runs the in-process ticker instead), while `listeners` members of the
 * workspace owning the business account each hold the live feed's SSE stream open, as the inbox
 * page does. "Visible" = the DM's `inbox.message.created` event parsed by a listener; latency runs
 * from the moment its signed request was sent. Lost = a (DM, listener) pair never delivered
 * within the drain period. Last line: `{"p50Ms":…,"p95Ms":…,"lost":…}`.
 */
const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    listeners: { type: 'string', default: '20' },
    // Customers writing at once; each DM continues one of their (existing) conversations.
    conversations: { type: 'string', default: '500' },
    'drain-seconds': { type: 'string', default: '20' },
    // The trivial route at the same rate, in the same run: what this machine serves right now.
    'baseline-seconds': { type: 'string', default: '10' },
    ticker: { type: 'string', default: 'off' },
    port: { type: 'string', default: '3500' },
  },
});
const RATE = Number(flags.rate);
const SECONDS = Number(flags.seconds);
const LISTENERS = Number(flags.listeners);
const CONVERSATIONS = Number(flags.conversations);
const DRAIN_MS = Number(flags['drain-seconds']) * 1000;
const BASELINE_MS = Number(flags['baseline-seconds']) * 1000;
const PORT = Number(flags.port);
const TICKER = flags.ticker === 'on' ? 'on' : 'off';
const TARGET_P95_MS = 2000;
const BUSINESS_OPEN_ID = 'bench-business-open-id';
const log = (message: string) => console.error(`[bench] ${message}`);

const stack = await startIngestStack({ port: PORT, ticker: TICKER, log });
const handle = await createDb({ url: stack.databaseUrl, maxConnections: 2 });
const connections: SseConnection[] = [];
let worker: ChildProcess | null = null;
async function cleanup() {
  for (const connection of connections) connection.close();
  await stopJobWorker(worker);
  await handle.close().catch(() => {});
  await stack.cleanup();
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

let exitCode = 0;
try {
  const { db } = handle;
  log(
    `seeding a workspace with ${LISTENERS} signed-in members, a business account, ${CONVERSATIONS} conversations`,
  );
  const { workspaceId, cookies } = await seedWorkspaceMembers(db, {
    members: LISTENERS,
    authSecret: stack.authSecret,
    name: 'Inbox live bench',
    slug: 'inbox-live-bench',
  });
  const [account] = await db
    .insert(tiktokAccounts)
    .values({ workspaceId, kind: 'business', tiktokId: BUSINESS_OPEN_ID, username: 'bench_shop' })
    .returning({ id: tiktokAccounts.id });
  // Existing conversations (capability already checked), so no DM depends on a TikTok call.
  const seededAt = new Date();
  await db.insert(inboxConversations).values(
    Array.from({ length: CONVERSATIONS }, (_, c) => ({
      workspaceId,
      accountId: account?.id ?? '',
      tiktokConversationId: conversationId(c),
      customerId: customerId(c),
      customerName: `customer_${c}`,
      lastInboundAt: seededAt,
      lastMessageAt: seededAt,
      imageSend: true,
      imageSendCheckedAt: seededAt,
    })),
  );

  if (TICKER === 'off') {
    log(
      'starting the standalone worker (npm run jobs:work, its defaults) beside the JOBS_TICKER=off web process',
    );
    worker = startJobWorker({ databaseUrl: stack.databaseUrl });
  }

  // Per listener: first arrival of each message (our row id) and the event's `at` (its row's
  // created_at: the start of the processing transaction), to split the latency; duplicates apart.
  const received = Array.from(
    { length: LISTENERS },
    () => new Map<string, { at: number; writtenAt: number }>(),
  );
  let duplicates = 0;
  const clients = cookies.map(
    (cookie, l) =>
      new SseClient({
        port: PORT,
        path: `/api/workspaces/${workspaceId}/live`,
        cookie,
        onEvent: (event) => {
          if (event.event !== 'message') return;
          const live = JSON.parse(event.data) as {
            type: string;
            at: string;
            data: { messageId?: string; direction?: string };
          };
          if (live.type !== 'inbox.message.created' || live.data.direction !== 'inbound') return;
          const messageId = live.data.messageId ?? '';
          const map = received[l];
          if (map?.has(messageId)) duplicates += 1;
          else map?.set(messageId, { at: event.receivedAt, writtenAt: Date.parse(live.at) });
        },
      }),
  );
  log(`opening ${LISTENERS} SSE streams (one per member)`);
  connections.push(...(await Promise.all(clients.map((client) => client.connect()))));

  const runTag = randomBytes(4).toString('hex');
  const sentAt = new Map<string, number>();
  const dm = (phase: 'warm' | 'run') => (i: number) => {
    const c = i % CONVERSATIONS;
    const messageId = `${phase}-${runTag}-${i}`;
    const nowMs = Date.now();
    const body = JSON.stringify({
      client_key: BUSINESS_APP_ID,
      event: 'im_receive_msg',
      create_time: Math.floor(nowMs / 1000),
      user_openid: BUSINESS_OPEN_ID,
      content: JSON.stringify({
        conversation_id: conversationId(c),
        message_id: messageId,
        type: 'text',
        timestamp: nowMs,
        from: `customer_${c}`,
        from_user: { id: customerId(c) },
        to: 'bench_shop',
        to_user: { id: BUSINESS_OPEN_ID },
        text: { body: `Hi, is order #${i} on its way?` },
      }),
    });
    const request = stack.signed('tiktok-business', body);
    // The load generator sends the request right after building it.
    if (phase === 'run') sentAt.set(messageId, Date.now());
    return request;
  };

  const warmCount = Math.min(200, RATE * 2);
  log(`warming up: ${warmCount} DMs (not measured)`);
  await runFixedRate({
    port: PORT,
    connections: 64,
    rate: RATE,
    durationMs: (warmCount / RATE) * 1000,
    next: dm('warm'),
  });
  await waitFor(() => received.every((map) => map.size >= warmCount), 30_000);
  const warmReceived = received.map((map) => map.size);
  for (const map of received) map.clear();
  duplicates = 0;
  if (warmReceived.some((n) => n < warmCount))
    log(`warm-up: some listeners got fewer than ${warmCount} events`);

  log(`baseline: the trivial route at ${RATE} req/s for ${BASELINE_MS / 1000} s`);
  const baseline = await runFixedRate({
    port: PORT,
    connections: 64,
    rate: RATE,
    durationMs: BASELINE_MS,
    next: stack.noop,
  });

  log(`sending ${RATE} signed im_receive_msg webhooks per second for ${SECONDS} s`);
  const load = await runFixedRate({
    port: PORT,
    connections: 64,
    rate: RATE,
    durationMs: SECONDS * 1000,
    next: dm('run'),
  });
  const sent = sentAt.size;
  log(`waiting for the last deliveries (up to ${DRAIN_MS / 1000} s)`);
  const drainStarted = Date.now();
  await waitFor(() => received.every((map) => map.size >= sent), DRAIN_MS);
  const drainMs = Date.now() - drainStarted;
  const loadAverage = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

  // Our row id for each TikTok message id, to join what was sent with what the listeners saw.
  const rows = await stack.sql<{ id: string; tiktok_message_id: string }[]>`
    select id, tiktok_message_id from inbox_messages where workspace_id = ${workspaceId}
      and tiktok_message_id like ${`run-${runTag}-%`}`;
  const rowOf = new Map(rows.map((row) => [row.tiktok_message_id, row.id]));

  const visible: number[] = [];
  const toWritten: number[] = [];
  const liveLeg: number[] = [];
  let lost = 0;
  for (const map of received) {
    for (const [tiktokId, sentMs] of sentAt) {
      const rowId = rowOf.get(tiktokId);
      const arrival = rowId === undefined ? undefined : map.get(rowId);
      if (!arrival) {
        lost += 1;
        continue;
      }
      visible.push(arrival.at - sentMs);
      toWritten.push(arrival.writtenAt - sentMs);
      liveLeg.push(arrival.at - arrival.writtenAt);
    }
  }
  const results = { p50Ms: quantile(visible, 0.5), p95Ms: quantile(visible, 0.95), lost };

  console.log('');
  console.log(
    `inbox live: ${sent} signed im_receive_msg webhooks (${RATE}/s for ${SECONDS} s over ${CONVERSATIONS} conversations) × ${LISTENERS} SSE listeners; jobs: ${TICKER === 'off' ? 'JOBS_TICKER=off web + one npm run jobs:work (defaults)' : 'in-process ticker'}`,
  );
  console.log(`load average (1/5/15 min) at the end: ${loadAverage}`);
  console.log('');
  console.log('| leg | samples | p50 ms | p95 ms | max ms |');
  console.log('|---|---|---|---|---|');
  const row = (name: string, values: number[]) =>
    console.log(
      `| ${name} | ${values.length} | ${quantile(values, 0.5)} | ${quantile(values, 0.95)} | ${max(values)} |`,
    );
  console.log(
    `| baseline: trivial route at ${RATE}/s, sent → 200 | ${baseline.sent} | ${Math.round(baseline.p50Ms)} | p99 ${Math.round(baseline.p99Ms)} | ${Math.round(baseline.maxMs)} |`,
  );
  console.log(
    `| webhook sent → 200 (ingest ack) | ${load.sent} | ${Math.round(load.p50Ms)} | p99 ${Math.round(load.p99Ms)} | ${Math.round(load.maxMs)} |`,
  );
  row('webhook sent → processing transaction began (ingest + queue wait)', toWritten);
  row('transaction began → listener (handler, commit, live feed: the `live` bench leg)', liveLeg);
  row('**webhook sent → visible on a listener**', visible);
  console.log('');
  console.log(
    '| deliveries expected | delivered | lost | duplicates | non-200 | stored DMs | ingest req/s | baseline req/s | drain wait |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${sent * LISTENERS} | ${visible.length} | ${lost} | ${duplicates} | ${nonOk(load)} | ${rowOf.size} / ${sent} | ${load.requestsPerSecond} | ${baseline.requestsPerSecond} | ${(drainMs / 1000).toFixed(1)} s |`,
  );
  console.log('');
  const misses: string[] = [];
  if (results.p95Ms > TARGET_P95_MS)
    misses.push(
      `p95 ${results.p95Ms} ms is ${results.p95Ms - TARGET_P95_MS} ms over the ${TARGET_P95_MS} ms target`,
    );
  if (lost > 0) misses.push(`${lost} deliveries lost (target 0)`);
  if (misses.length > 0) {
    console.log(`MISSED: ${misses.join('; ')}.`);
    exitCode = 1;
  } else {
    console.log(`Met: p95 ${results.p95Ms} ms ≤ ${TARGET_P95_MS} ms, nothing lost.`);
  }
  await cleanup();
  console.log(JSON.stringify(results));
} catch (error) {
  console.error(error);
  exitCode = 1;
  await cleanup();
}
process.exit(exitCode);

function conversationId(c: number) {
  return `bench-conv-${c}`;
}
function customerId(c: number) {
  return `bench-customer-${c}`;
}
function quantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
function max(values: number[]) {
  return values.reduce((a, b) => Math.max(a, b), 0);
}
function nonOk(load: LoadResult) {
  return load.sent - load.ok + load.errors;
}
async function waitFor(done: () => boolean, limitMs: number) {
  const deadline = Date.now() + limitMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}
