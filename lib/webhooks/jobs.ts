import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/** Runs the handler registered for one stored webhook event (see `createWebhookEventRouter`). */
export const processWebhookEventJob = defineJob({
  type: 'webhooks.process-event',
  schema: z.object({ eventId: z.string().min(1) }),
  maxAttempts: 10,
});
