import 'server-only';
import { inboxJobHandlers } from '@/lib/inbox/job-handlers';
import { inboxWebhookHandlers } from '@/lib/inbox/webhook-handlers';
import { maintenanceJobHandlers } from '@/lib/jobs/job-handlers';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { liveJobHandlers } from '@/lib/live/job-handlers';
import { mediaJobHandlers } from '@/lib/media/job-handlers';
import { publishingJobHandlers } from '@/lib/publishing/job-handlers';
import { publishingWebhookHandlers } from '@/lib/publishing/webhook-handlers';
import { reportJobHandlers } from '@/lib/reports/job-handlers';
import { syncReportSchedules } from '@/lib/reports/sync-report-schedules';
import { tokenJobHandlers } from '@/lib/tokens/job-handlers';
import { joinWebhookEventHandlers } from '@/lib/webhooks/event-handlers';
import { handleAuthorizationRemoved } from '@/lib/webhooks/handle-authorization-removed';
import { webhookJobHandlers } from '@/lib/webhooks/job-handlers';

/*
 * The runner-side registry: every job type's handler and every webhook event's handler. Only
 * runners import this (instrumentation.ts, the cron route, `npm run jobs:work`): it pulls in every
 * domain's handler code. Code that enqueues imports job definitions (`lib/<domain>/jobs.ts`, all
 * listed in lib/job-catalogue) instead.
 *
 * A feature plugs in here: its job handlers (`lib/<domain>/job-handlers.ts`) in the list below, and
 * its webhook event handlers (`lib/<domain>/webhook-handlers.ts`, a map by event name) in the join.
 * Events that arrived before a handler existed are held and replayed when a runner starts with it.
 */
export const WEBHOOK_EVENT_HANDLERS = joinWebhookEventHandlers(
  {
    'authorization.removed': handleAuthorizationRemoved,
  },
  inboxWebhookHandlers,
  publishingWebhookHandlers,
);

const webhooks = webhookJobHandlers(WEBHOOK_EVENT_HANDLERS);

export const JOB_REGISTRY = createJobRegistry(
  [
    ...webhooks.handlers,
    ...tokenJobHandlers,
    ...maintenanceJobHandlers,
    ...mediaJobHandlers,
    ...liveJobHandlers,
    ...inboxJobHandlers,
    ...reportJobHandlers,
    ...publishingJobHandlers,
  ],
  { onStart: [webhooks.onStart, async (db) => void (await syncReportSchedules(db))] },
);
