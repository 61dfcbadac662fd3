import { getDbHandle } from '@/lib/db/client';
import { env } from '@/lib/env';
import { checkHealth } from '@/lib/health/check-health';
import { withRoute } from '@/lib/http/with-route';

// GET /api/health – database and redis status and mode; 503 when one is down.
export const GET = withRoute({ access: 'public' }, async () => {
  const report = await checkHealth({
    getDbHandle,
    kv: { url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN },
  });
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
});
