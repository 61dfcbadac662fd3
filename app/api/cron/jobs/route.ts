import { withRoute } from '@/lib/http/with-route';
import { runJobsFromCron } from '@/lib/jobs/run-jobs-from-cron';

// Claiming stops at 50 s; a job claimed just before runs up to its 30 s timeout.
export const maxDuration = 90;

// GET /api/cron/jobs – Vercel Cron (every minute): runs due jobs, authorized by CRON_SECRET.
export const GET = withRoute({ access: 'public' }, async ({ request, db }) => {
  const result = await runJobsFromCron(db, { authorization: request.headers.get('authorization') });
  return Response.json(result, { headers: { 'cache-control': 'no-store' } });
});
