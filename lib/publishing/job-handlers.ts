import 'server-only';
import { handleJob } from '@/lib/jobs/define-job';
import { getRedis } from '@/lib/kv/redis';
import { getStorage } from '@/lib/storage/get-storage';
import { failTarget } from './fail-target';
import { publishPostTargetJob } from './jobs';
import { loadTarget } from './load-target';
import { runPublishTarget } from './run-publish-target';
import { isFinalStage } from './update-target';

/** A run uploads for at most this long, then snoozes and continues (well inside the job's timeout). */
const UPLOAD_SLICE_MS = 20_000;

/** Publishing's jobs, for the runner registry (lib/job-handlers). */
export const publishingJobHandlers = [
  handleJob(
    publishPostTargetJob,
    (payload, ctx) =>
      runPublishTarget(
        {
          db: ctx.db,
          storage: getStorage(),
          redis: getRedis(),
          signal: ctx.signal,
          snooze: ctx.snooze,
          sliceMs: UPLOAD_SLICE_MS,
        },
        payload.targetId,
      ),
    {
      onDead: async (payload, { db }) => {
        const loaded = await loadTarget(db, payload.targetId);
        if (loaded && !isFinalStage(loaded.target.stage)) {
          await failTarget(db, loaded.target, 'upload_failed');
        }
      },
    },
  ),
];
