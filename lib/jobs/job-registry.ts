import { z } from 'zod';
import { pruneLiveEvents } from '@/lib/live/prune-live-events';
import * as clock from '@/lib/time/clock';
import { keepTokensAlive } from '@/lib/tokens/keep-tokens-alive';
import { processWebhookEvent } from '@/lib/webhooks/process-webhook-event';
import { defineJob, type JobDefinition } from './define-job';
import { pruneFinishedJobs } from './prune-finished-jobs';

/**
 * Every job type and its handler, in one place. A type's name is stored in rows that may outlive a
 * deploy: rename only with a migration of the queued rows, and keep payload schemas backwards
 * compatible (add optional fields). Later features (publishing, inbox, reports, token keep-alive)
 * add their entries here.
 */
export const JOB_REGISTRY = {
  /** Runs the event handler for one stored webhook event (lib/webhooks/event-handlers.ts). */
  'webhooks.process-event': defineJob({
    schema: z.object({ eventId: z.string().min(1) }),
    handle: (payload, ctx) =>
      processWebhookEvent(ctx.db, {
        eventId: payload.eventId,
        attempt: ctx.attempt,
        maxAttempts: ctx.maxAttempts,
      }),
    maxAttempts: 10,
  }),
  /** Daily housekeeping; enqueued by the runner itself (see `scheduleMaintenance`). */
  'jobs.prune': defineJob({
    schema: z.object({}).loose(),
    handle: (_payload, ctx) => pruneFinishedJobs(ctx.db, { now: clock.now() }),
    maxAttempts: 3,
  }),
  /** Daily: drops live-feed events past their retention (lib/live). */
  'live.prune': defineJob({
    schema: z.object({}).loose(),
    handle: (_payload, ctx) => pruneLiveEvents(ctx.db, { now: clock.now() }),
    maxAttempts: 3,
  }),
  /**
   * Daily: refreshes creator and business tokens ahead of expiry and warns 14/7/1 days before a
   * refresh token runs out. Idempotent (each warning is sent once; refreshes happen under the lock).
   */
  'tokens.keep-alive': defineJob({
    schema: z.object({}).loose(),
    handle: (_payload, ctx) => keepTokensAlive(ctx.db),
    maxAttempts: 3,
    // Below the 2-minute claim lease; a run cut short is finished by the next day's run.
    timeoutMs: 100_000,
  }),
} satisfies Record<string, JobDefinition>;

export type JobRegistry = Record<string, JobDefinition>;
export type JobType = keyof typeof JOB_REGISTRY;
export type JobPayload<T extends JobType> = z.input<(typeof JOB_REGISTRY)[T]['schema']>;
