import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user';
import { handleConnectCallback } from '@/lib/connect/handle-connect-callback';
import { tiktokAccountKindEnum } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { withRoute } from '@/lib/http/with-route';

const paramsSchema = z.object({ kind: z.enum(tiktokAccountKindEnum.enumValues) });

// GET /api/connect/{creator,business,ads}/callback – TikTok sends the browser here after its consent
// page. Public on purpose: a browser whose session ended while on TikTok must still land on a
// readable message, not a JSON 401.
export const GET = withRoute({ access: 'public' }, async ({ db, request, ip, params }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new AppError({ code: 'not_found', message: 'There is no such connection.' });
  const user = await getCurrentUser();
  const location = await handleConnectCallback(db, {
    kind: parsed.data.kind,
    params: Object.fromEntries(new URL(request.url).searchParams),
    userId: user?.id ?? null,
    ip,
  });
  // no-referrer: the callback URL holds the authorization code; it must not travel any further.
  return new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  });
});
