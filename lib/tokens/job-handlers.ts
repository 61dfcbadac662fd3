import 'server-only';
import { handleJob } from '@/lib/jobs/define-job';
import { keepTokensAliveJob, refreshAccountTokensJob } from './jobs';
import { keepTokensAlive } from './keep-tokens-alive';
import { refreshAccountForKeepAlive } from './refresh-account-for-keep-alive';

/** The tokens domain's job handlers, for the runner registry (lib/job-handlers). */
export const tokenJobHandlers = [
  handleJob(keepTokensAliveJob, async (_payload, ctx) => {
    const { enqueued, warned } = await keepTokensAlive(ctx.db);
    return { enqueued: enqueued.length, warned };
  }),
  handleJob(refreshAccountTokensJob, (payload, ctx) => refreshAccountForKeepAlive(ctx.db, payload)),
];
