import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows-of';
import type { WebhookSource } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { buildJobRow } from '@/lib/jobs/build-job-row';
import { logError } from '@/lib/log/log-error';
import { verifySignature } from '@/lib/tiktok/webhooks/verify-signature';
import { parseWebhookEnvelope } from './parse-webhook-envelope';
import { webhookSecret } from './webhook-secret';

export type IngestWebhookEventOptions = {
  source: WebhookSource;
  /** The body bytes exactly as received. */
  rawBody: Uint8Array;
  /** The `TikTok-Signature` header. */
  signature: string | null;
  now?: Date;
};

export type IngestWebhookEventResult = { eventId: string | null; duplicate: boolean };

const unconfiguredLogged = new Set<WebhookSource>();

/**
 * Store-then-ack: verifies the signature, then stores the event and its processing job in one
 * statement, so TikTok gets its 200 only once both are durable. A redelivery (same bytes) hits
 * the unique dedupe key and stores nothing, enqueues nothing. Handling happens later, in the job.
 */
export async function ingestWebhookEvent(
  db: Db,
  { source, rawBody, signature, now = new Date() }: IngestWebhookEventOptions,
): Promise<IngestWebhookEventResult> {
  const check = verifySignature({
    header: signature,
    rawBody,
    secret: webhookSecret(source),
    nowSeconds: Math.floor(now.getTime() / 1000),
    toleranceSeconds: env.WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  });
  if (!check.ok) {
    if (check.reason === 'unconfigured' && !unconfiguredLogged.has(source)) {
      unconfiguredLogged.add(source);
      logError(
        `webhook ${source}`,
        'the app secret for this webhook is not configured; deliveries are refused',
      );
    }
    // Which check failed stays on our side: a caller probing signatures learns nothing.
    throw new AppError({ code: 'unauthenticated', message: 'Unauthorized.' });
  }

  const text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
  const envelope = parseWebhookEnvelope(text);
  const dedupeKey = createHash('sha256').update(rawBody).digest('hex');
  // Postgres parses the text itself: int64 ids in unknown fields keep every digit, unlike JSON.parse.
  const payload = envelope.isJson ? sql`${text}::jsonb` : sql`${JSON.stringify({ unparsed: text })}::jsonb`;

  const eventId = randomUUID();
  const job = buildJobRow({
    type: 'webhooks.process-event',
    payload: { eventId },
    accountOpenId: envelope.userOpenId ?? undefined,
  });
  try {
    // One statement, so one round trip and atomic by itself: the event and its processing job are
    // stored together or not at all, and a redelivery (same source and bytes) stores neither.
    const result = await db.execute(sql`
      with stored as (
        insert into webhook_events (id, source, event, dedupe_key, payload, user_openid, client_key, occurred_at)
        values (${eventId}, ${source}, ${envelope.event}, ${dedupeKey}, ${payload}, ${envelope.userOpenId},
                ${envelope.clientKey}, ${envelope.occurredAt?.toISOString() ?? null})
        on conflict (source, dedupe_key) do nothing
        returning id
      )
      insert into jobs (id, type, payload, max_attempts, account_open_id)
      select ${randomUUID()}, ${job.type}, ${JSON.stringify(job.payload)}::jsonb, ${job.maxAttempts}, ${job.accountOpenId}
      from stored
      returning id`);
    const stored = rowsOf<{ id: string }>(result).length > 0;
    return stored ? { eventId, duplicate: false } : { eventId: null, duplicate: true };
  } catch (error) {
    // Not 500: TikTok retries anything but 200 for 72 hours, and 503 says "try again" to people too.
    throw new AppError({
      code: 'service_unavailable',
      message: 'The event could not be stored right now. Please retry.',
      // Drizzle's wrapper repeats the query parameters, i.e. the event body (DM text): log the driver error only.
      cause: error instanceof Error && error.cause !== undefined ? error.cause : error,
    });
  }
}
