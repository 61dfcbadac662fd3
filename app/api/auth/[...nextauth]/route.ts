import { authRoute } from '@/lib/http/auth-route';

// GET|POST /api/auth/* – Auth.js; a refused password sign-in answers 429 or 403 instead of redirecting.
export const { GET, POST } = authRoute;
