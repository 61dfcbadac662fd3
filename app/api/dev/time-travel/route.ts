import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { moveAppClock } from '@/lib/time/move-app-clock';

export const dynamic = 'force-dynamic';

const body = z.union([
  z.strictObject({ offsetMs: z.number().int().safe() }),
  z.strictObject({ days: z.number().finite().optional(), seconds: z.number().finite().optional() }),
]);

// GET /api/dev/time-travel – the app clock (only with TIME_TRAVEL=1)
export const GET = withRoute({ access: 'public' }, async () => moveAppClock(null));

// POST /api/dev/time-travel – move the app clock with the sandbox's (only with TIME_TRAVEL=1)
export const POST = withRoute({ access: 'public', body }, async ({ body }) => moveAppClock(body));
