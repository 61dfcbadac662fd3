import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { withRoute } from '@/lib/http/with-route';

// POST /api/bench/noop – the trivial baseline `npm run bench` compares webhook ingest against; 404 unless BENCH_ROUTES=1.
export const POST = withRoute({ access: 'public' }, async () => {
  if (env.BENCH_ROUTES !== '1') throw new AppError({ code: 'not_found', message: 'Not found.' });
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
});
