import 'server-only';
import { getDbHandle } from '@/lib/db/client';
import { env } from '@/lib/env';
import { LiveFeedHub } from './live-feed-hub';

const globalForHub = globalThis as unknown as { tokdeskLiveFeedHub?: Promise<LiveFeedHub> };

/** The instance's one poller (kept on globalThis: route bundles and dev reloads share it). */
export function getLiveFeedHub(): Promise<LiveFeedHub> {
  globalForHub.tokdeskLiveFeedHub ??= getDbHandle().then(
    (handle) =>
      new LiveFeedHub({
        getDb: async () => handle.db,
        listen: handle.listen,
        fallbackPollMs: env.LIVE_POLL_MS,
      }),
    (error: unknown) => {
      globalForHub.tokdeskLiveFeedHub = undefined;
      throw error;
    },
  );
  return globalForHub.tokdeskLiveFeedHub;
}
