import 'server-only';
import { handleJob } from '@/lib/jobs/define-job';
import { now } from '@/lib/time/clock';
import { pruneLiveEventsJob } from './jobs';
import { pruneLiveEvents } from './prune-live-events';

/** The live feed's jobs, for the runner registry (lib/job-handlers). */
export const liveJobHandlers = [
  handleJob(pruneLiveEventsJob, (_payload, ctx) => pruneLiveEvents(ctx.db, { now: now() })),
];
