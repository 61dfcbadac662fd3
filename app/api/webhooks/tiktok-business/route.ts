import { readRawBody } from '@/lib/http/read-json-body';
import { WEBHOOK_ROUTE, withRoute } from '@/lib/http/with-route';
import { ingestWebhookEvent } from '@/lib/webhooks/ingest-webhook-event';

// POST /api/webhooks/tiktok-business – Business Messaging events, signed with the Business app secret.
export const POST = withRoute(WEBHOOK_ROUTE, async ({ request, db }) => {
  await ingestWebhookEvent(db, {
    source: 'tiktok-business',
    rawBody: await readRawBody(request),
    signature: request.headers.get('tiktok-signature'),
  });
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
});
