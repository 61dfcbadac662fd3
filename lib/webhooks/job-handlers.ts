import 'server-only';
import type { Db } from '@/lib/db/types';
import { handleJob, type JobHandler } from '@/lib/jobs/define-job';
import { processWebhookEventJob } from './jobs';
import { processWebhookEvent } from './process-webhook-event';
import { replayHeldWebhookEvents } from './replay-held-webhook-events';
import type { WebhookEventHandlers } from './webhook-event-handler';

/**
 * The webhooks domain's part of the runner registry, given every domain's event handlers: the
 * processing job, and the start hook that replays events held until a handler for them existed.
 */
export function webhookJobHandlers(handlers: WebhookEventHandlers): {
  handlers: JobHandler[];
  onStart: (db: Db) => Promise<void>;
} {
  return {
    handlers: [
      handleJob(processWebhookEventJob, (payload, ctx) =>
        processWebhookEvent(ctx.db, {
          eventId: payload.eventId,
          attempt: ctx.attempt,
          maxAttempts: ctx.maxAttempts,
          handlers,
        }),
      ),
    ],
    onStart: async (db) => {
      await replayHeldWebhookEvents(db, handlers);
    },
  };
}
