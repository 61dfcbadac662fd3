import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { getLiveFeedHub } from '@/lib/live/get-live-feed-hub';
import { pollLiveEvents } from '@/lib/live/poll-live-events';

export const dynamic = 'force-dynamic';

const query = z.object({
  cursor: z.string().max(100).optional(),
  /** Seconds to hold an empty answer open (long polling). */
  wait: z.coerce.number().int().min(0).max(25).default(0),
});

// GET /api/workspaces/:workspaceId/live/events?cursor=&wait= – the live feed as JSON (fallback for SSE)
export const GET = withRoute(
  // Reconnects are cheap but not free: a client looping on errors is slowed down, not the server.
  { access: 'workspace', query, rateLimit: { policy: 'api', by: 'user' } },
  async ({ request, db, user, workspace, query }) =>
    pollLiveEvents(db, {
      workspaceId: workspace.id,
      userId: user.id,
      cursor: query.cursor ?? null,
      waitMs: query.wait * 1000,
      hub: await getLiveFeedHub(),
      signal: request.signal,
    }),
);
