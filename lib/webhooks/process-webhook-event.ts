import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { describeJobError } from '@/lib/jobs/describe-job-error';
import { PermanentJobError } from '@/lib/jobs/job-errors';
import { dispatchWebhookEvent } from './event-handlers';
import { parseWebhookContent } from './parse-webhook-envelope';
import type { WebhookEventHandlers } from './webhook-event-handler';

export type ProcessWebhookEventOptions = {
  eventId: string;
  /** The job's attempt, mirrored onto the event so admins see it there too. */
  attempt: number;
  maxAttempts: number;
  /** The handlers this deploy has (lib/job-handlers); events without one are held. */
  handlers: WebhookEventHandlers;
};

export type ProcessWebhookEventResult = { status: string; note: string };

/**
 * The `webhooks.process-event` job. Idempotent: an event already processed, ignored or held is skipped,
 * and the row is locked while its handler runs, so a job reclaimed from a slow worker cannot apply
 * the same event twice. A failure is recorded on the event and rethrown for the job to retry.
 */
export async function processWebhookEvent(
  db: Db,
  { eventId, attempt, maxAttempts, handlers }: ProcessWebhookEventOptions,
): Promise<ProcessWebhookEventResult> {
  try {
    return await db.transaction(async (tx) => {
      // Only what the handlers read: building the query is a large part of a worker's CPU per event.
      const [event] = await tx
        .select({
          id: webhookEvents.id,
          source: webhookEvents.source,
          event: webhookEvents.event,
          status: webhookEvents.status,
          userOpenId: webhookEvents.userOpenId,
          clientKey: webhookEvents.clientKey,
          occurredAt: webhookEvents.occurredAt,
          payload: webhookEvents.payload,
        })
        .from(webhookEvents)
        .where(eq(webhookEvents.id, eventId))
        .for('update');
      if (!event) return { status: 'skipped', note: 'The event no longer exists (pruned).' };
      if (event.status === 'processed' || event.status === 'ignored' || event.status === 'held') {
        return { status: 'skipped', note: `Already ${event.status}.` };
      }
      const outcome = await dispatchWebhookEvent(
        tx,
        {
          id: event.id,
          source: event.source,
          event: event.event,
          userOpenId: event.userOpenId,
          clientKey: event.clientKey,
          occurredAt: event.occurredAt,
          content: parseWebhookContent(event.payload),
        },
        handlers,
      );
      await tx
        .update(webhookEvents)
        .set({
          status: outcome.status,
          note: outcome.note,
          attempts: attempt,
          processedAt: sql`now()`,
        })
        .where(eq(webhookEvents.id, eventId));
      return outcome;
    });
  } catch (error) {
    // Waiting (a rate limit, say) is not a failure: the job snoozes and the event stays pending.
    if (error instanceof TryLaterError) throw error;
    const final = attempt >= maxAttempts || error instanceof PermanentJobError;
    await db
      .update(webhookEvents)
      .set({ status: final ? 'dead' : 'failed', attempts: attempt, lastError: describeJobError(error) })
      .where(eq(webhookEvents.id, eventId));
    throw error;
  }
}
