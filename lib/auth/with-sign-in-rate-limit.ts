import 'server-only';
import type { NextRequest } from 'next/server';
import { clientIp } from '@/lib/http/client-ip';
import { toErrorResponse } from '@/lib/http/to-error-response';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';

type Handler = (request: NextRequest) => Promise<Response>;

/**
 * Password sign-ins posted straight to Auth.js (`/api/auth/callback/credentials`) count against the
 * same limit as the sign-in form, and answer 429 with Retry-After once it is used up.
 */
export function withSignInRateLimit(handler: Handler): Handler {
  return async (request) => {
    if (!new URL(request.url).pathname.endsWith('/callback/credentials')) return handler(request);
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get('email') ?? '').slice(0, 320);
    try {
      await assertRateLimit({
        policy: 'signIn',
        identifier: [email, clientIp(request.headers) ?? 'unknown'],
      });
    } catch (error) {
      return toErrorResponse(error, 'POST /api/auth/callback/credentials');
    }
    return handler(request);
  };
}
