import 'server-only';
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/index';
import { captureSignInRefusal } from '@/lib/auth/sign-in-refusal';
import { toErrorResponse } from './to-error-response';

/**
 * Auth.js' own routes (`/api/auth/*`). The limits on password attempts live in `authorize`; here a
 * refused sign-in gets its real answer (429 with Retry-After, 403) instead of Auth.js' redirect.
 */
export const authRoute = {
  GET: (request: NextRequest) => handlers.GET(request),
  POST: async (request: NextRequest) => {
    const { response, refusal } = await captureSignInRefusal(() => handlers.POST(request));
    return refusal ? toErrorResponse(refusal, 'POST /api/auth') : response;
  },
};
