import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { WEBHOOK_ROUTE, withRoute } from '@/lib/http/with-route';

// POST /api/bench/noop – the trivial baseline `npm run bench` compares webhook ingest against (same wrapper
// options as the webhook routes); 404 unless BENCH_ROUTES=1.
export const POST = withRoute(WEBHOOK_ROUTE, async () => {
  if (env.BENCH_ROUTES !== '1') throw new AppError({ code: 'not_found', message: 'Not found.' });
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
});
