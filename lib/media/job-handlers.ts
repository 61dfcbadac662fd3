import 'server-only';
import { handleJob } from '@/lib/jobs/define-job';
import { getStorage } from '@/lib/storage/get-storage';
import { pruneAbandonedUploadsJob } from './jobs';
import { pruneAbandonedUploads } from './prune-abandoned-uploads';

/** Media's jobs, for the runner registry (lib/job-handlers). */
export const mediaJobHandlers = [
  handleJob(pruneAbandonedUploadsJob, (_payload, ctx) => pruneAbandonedUploads(ctx.db, getStorage())),
];
