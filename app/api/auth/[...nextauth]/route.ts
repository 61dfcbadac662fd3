import { handlers } from '@/lib/auth/index';
import { withSignInRateLimit } from '@/lib/auth/with-sign-in-rate-limit';

// GET|POST /api/auth/* – Auth.js; password sign-ins are rate limited first.
export const GET = handlers.GET;
export const POST = withSignInRateLimit(handlers.POST);
