import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import type { WebhookSource } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { buildJobRow } from '@/lib/jobs/build-job-row';
import { logError } from '@/lib/log/log-error';
import { verifySignature } from '@/lib/tiktok/webhooks/verify-signature';
import { now as clockNow } from '@/lib/time/clock';
import { processWebhookEventJob } from './jobs';
import { parseWebhookEnvelope } from './parse-webhook-envelope';
import { storeWebhookEventBatched } from './store-webhook-event-batched';
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
 * statement (grouped with concurrent deliveries), so TikTok gets its 200 only once both are durable. A redelivery (same bytes) hits
 * the unique dedupe key and stores nothing, enqueues nothing. Handling happens later, in the job.
 */
export async function ingestWebhookEvent(
  db: Db,
  { source, rawBody, signature, now = clockNow() }: IngestWebhookEventOptions,
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
  // A body jsonb would refuse is kept as a string; NUL characters cannot be stored at all.
  const payloadJson = envelope.isJson ? text : JSON.stringify({ unparsed: text.replaceAll('\0', '\uFFFD') });
  const eventId = randomUUID();
  const job = buildJobRow(
    processWebhookEventJob,
    { eventId },
    { accountOpenId: envelope.userOpenId ?? undefined },
  );
  try {
    const stored = await storeWebhookEventBatched(db, {
      eventId,
      jobId: randomUUID(),
      source,
      event: envelope.event,
      dedupeKey,
      payloadJson,
      userOpenId: envelope.userOpenId,
      clientKey: envelope.clientKey,
      occurredAt: envelope.occurredAt,
      job: { type: job.type, payloadJson: JSON.stringify(job.payload), maxAttempts: job.maxAttempts },
    });
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
