import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { jobs, mediaObjects, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { handleJob } from '@/lib/jobs/define-job';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { serveSignedMedia } from '@/lib/media/serve-signed-media';
import { publishPostTargetJob } from '@/lib/publishing/jobs';
import { runPublishTarget } from '@/lib/publishing/run-publish-target';
import type { STATUS_SCHEDULE } from '@/lib/publishing/status-schedule';
import { isFinalStage } from '@/lib/publishing/update-target';
import { publishingWebhookHandlers } from '@/lib/publishing/webhook-handlers';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { parseTikTokJson } from '@/lib/tiktok/http/tiktok-json';
import type { RunningSandbox } from '@/sandbox/server';

/** Serves `/api/media/:id/signed` like the app's route, so the sandbox can pull (PULL_FROM_URL, photos). */
export async function startMediaServer(getDeps: () => { db: Db; storage: ObjectStorage }) {
  // While held, pulls wait: TikTok is "still downloading".
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  const server: Server = createServer(async (req, res) => {
    if (gate) await gate;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/media\/([^/]+)\/signed$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const { db, storage } = getDeps();
    try {
      const response = await serveSignedMedia(db, storage, {
        mediaId: decodeURIComponent(match[1] ?? ''),
        expires: Number(url.searchParams.get('expires')),
        disposition: url.searchParams.get('disposition') === 'attachment' ? 'attachment' : 'inline',
        signature: url.searchParams.get('signature') ?? '',
        request: new Request(url, { headers: req.headers as Record<string, string> }),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as never).pipe(res);
      else res.end();
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    holdPulls: () => {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        open?.();
        gate = null;
      };
    },
    close: () => {
      open?.();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const FAST_SCHEDULE: typeof STATUS_SCHEDULE = {
  fastForMs: 60_000,
  fastEveryMs: 50,
  slowEveryMs: 60_000,
  giveUpAfterMs: 24 * 3600_000,
};

export function publishingRegistry(deps: {
  storage: ObjectStorage;
  redis?: never | undefined;
  chunkBytes: number;
  sliceMs?: number;
}) {
  return createJobRegistry([
    handleJob(publishPostTargetJob, (payload, ctx) =>
      runPublishTarget(
        {
          db: ctx.db,
          storage: deps.storage,
          signal: ctx.signal,
          snooze: ctx.snooze,
          chunkBytes: deps.chunkBytes,
          sliceMs: deps.sliceMs,
          sliceSnoozeMs: 60_000,
          schedule: FAST_SCHEDULE,
        },
        payload.targetId,
      ),
    ),
  ]);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getTarget(db: Db, id: string) {
  const [row] = await db.select().from(postTargets).where(eq(postTargets.id, id));
  return row!;
}

/**
 * Runs the queue until the target is final (or `until` holds): snoozed jobs are made due at once,
 * as time passing would. Each round is one runner pass, like the ticker.
 */
export async function drive(
  db: Db,
  registry: ReturnType<typeof publishingRegistry>,
  targetId: string,
  options: {
    rounds?: number;
    until?: (stage: string) => boolean;
    between?: () => Promise<void>;
    /** 1 = a single claim per round: one run of the job, as when a process stops after it. */
    budgetMs?: number;
  } = {},
) {
  const done = options.until ?? isFinalStage;
  for (let round = 0; round < (options.rounds ?? 60); round++) {
    const target = await getTarget(db, targetId);
    if (done(target.stage)) return target;
    await db
      .update(jobs)
      .set({ runAt: sql`now() - interval '1 second'` })
      .where(sql`${jobs.status} in ('pending', 'failed')`);
    await runDueJobs({ db, registry, workerId: 'test', budgetMs: options.budgetMs ?? 20_000 });
    await options.between?.();
    await sleep(40);
  }
  return getTarget(db, targetId);
}

/** Delivers the sandbox's `post.publish.*` webhooks for a user straight to publishing's handlers. */
export async function deliverPublishWebhooks(
  sandbox: RunningSandbox,
  db: Db,
  openId: string,
  seen: Set<string>,
) {
  const response = await fetch(`${sandbox.url}/_sandbox/webhooks/deliveries?limit=500`);
  const { deliveries } = (await response.json()) as {
    deliveries: {
      id: string;
      event: string;
      userOpenId: string | null;
      body: string;
      duplicateOf?: string | null;
    }[];
  };
  const handled: string[] = [];
  for (const delivery of deliveries) {
    if (
      seen.has(delivery.id) ||
      delivery.userOpenId !== openId ||
      !delivery.event.startsWith('post.publish.')
    )
      continue;
    seen.add(delivery.id);
    const envelope = (typeof delivery.body === 'string' ? JSON.parse(delivery.body) : delivery.body) as {
      event: string;
      create_time: number;
      user_openid: string;
      client_key: string;
      content: string;
    };
    const handler = publishingWebhookHandlers[envelope.event];
    if (!handler) continue;
    await db.transaction((tx) =>
      handler(tx, {
        id: delivery.id,
        source: 'tiktok',
        event: envelope.event,
        userOpenId: envelope.user_openid,
        clientKey: envelope.client_key,
        occurredAt: new Date(envelope.create_time * 1000),
        content: typeof envelope.content === 'string' ? parseTikTokJson(envelope.content) : envelope.content,
      }),
    );
    handled.push(envelope.event);
  }
  return handled;
}

export async function storeMedia(
  db: Db,
  storage: ObjectStorage,
  input: { workspaceId: string; bytes: Buffer; contentType: string; purpose: 'video' | 'photo' },
) {
  const id = crypto.randomUUID();
  const key = `test/${input.workspaceId}/${id}`;
  await storage.put(key, input.bytes, { contentType: input.contentType });
  await db.insert(mediaObjects).values({
    id,
    workspaceId: input.workspaceId,
    key,
    purpose: input.purpose,
    fileName: input.purpose === 'video' ? 'clip.mp4' : 'photo.jpg',
    contentType: input.contentType,
    size: input.bytes.length,
    status: 'ready',
  });
  return id;
}
