import { withRoute } from '@/lib/http/with-route';
import { JOB_REGISTRY } from '@/lib/job-handlers';
import { runJobsFromCron } from '@/lib/jobs/run-jobs-from-cron';

// Vercel's Hobby limit; the runner claims only jobs whose timeout fits in what is left of it.
export const maxDuration = 60;

// GET /api/cron/jobs – Vercel Cron (every minute): runs due jobs, authorized by CRON_SECRET.
export const GET = withRoute({ access: 'public' }, async ({ request, db }) => {
  const result = await runJobsFromCron(db, {
    authorization: request.headers.get('authorization'),
    registry: JOB_REGISTRY,
    maxDurationMs: maxDuration * 1000,
  });
  return Response.json(result, { headers: { 'cache-control': 'no-store' } });
});
