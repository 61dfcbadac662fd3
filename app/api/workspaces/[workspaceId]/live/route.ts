import { z } from 'zod';
import { env } from '@/lib/env';
import { withRoute } from '@/lib/http/with-route';
import { getLiveFeedHub } from '@/lib/live/get-live-feed-hub';
import { openLiveStream } from '@/lib/live/open-live-stream';

export const dynamic = 'force-dynamic';
// Vercel ends a function after this; each stream ends itself earlier (LIVE_STREAM_SECONDS) and resumes.
export const maxDuration = 300;

const query = z.object({ cursor: z.string().max(100).optional() });

// GET /api/workspaces/:workspaceId/live – the workspace's live feed as Server-Sent Events
export const GET = withRoute(
  // No rate limit here: it would add a Redis round trip to every resume. Reconnects are paced by
  // the stream's `retry` and the client's backoff; the polling endpoint is limited.
  { access: 'workspace', query },
  async ({ request, db, user, workspace, query }) =>
    openLiveStream(db, {
      workspaceId: workspace.id,
      userId: user.id,
      // The browser sends Last-Event-ID when it reconnects by itself; a first connection passes the page's cursor.
      cursor: request.headers.get('last-event-id') || query.cursor || null,
      hub: await getLiveFeedHub(),
      signal: request.signal,
      lifetimeMs: env.LIVE_STREAM_SECONDS * 1000,
    }),
);
