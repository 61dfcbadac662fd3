import 'server-only';
import { getCurrentUser } from '@/lib/auth/current-user';
import type { TikTokAccountKind } from '@/lib/db/schema';
import { withRoute } from '@/lib/http/with-route';
import { handleConnectCallback } from './handle-connect-callback';

/**
 * The GET handler of `/api/connect/<kind>/callback`. Public on purpose: a browser whose session
 * ended while on TikTok must still land on a readable message, not a JSON 401.
 */
export function connectCallbackHandler(kind: TikTokAccountKind) {
  return withRoute({ access: 'public' }, async ({ db, request, ip }) => {
    const user = await getCurrentUser();
    const location = await handleConnectCallback(db, {
      kind,
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
}
