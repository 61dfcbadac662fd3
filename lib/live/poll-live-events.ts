import 'server-only';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import { catchUpLiveEvents } from './catch-up-live-events';
import { encodeLiveCursor } from './live-cursor';
import type { LivePollResponse } from './live-event-types';
import type { LiveFeedHub } from './live-feed-hub';

export type PollLiveEventsOptions = {
  workspaceId: string;
  userId: string;
  /** The last cursor the client holds; null for "from now". */
  cursor: string | null;
  /** Hold an empty answer open up to this long until an event arrives (long polling); 0 answers at once. */
  waitMs: number;
  hub: LiveFeedHub;
  signal: AbortSignal;
};

/**
 * The fallback for clients whose network breaks Server-Sent Events: the events after a cursor as
 * JSON, with the same cursor and reset rules as the stream. With `waitMs` an empty answer waits on
 * the instance's poller (no extra queries) until the workspace has something new.
 */
export async function pollLiveEvents(db: Db, options: PollLiveEventsOptions): Promise<LivePollResponse> {
  const { workspaceId, userId, hub } = options;
  let wake: () => void = () => {};
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  // Subscribed before reading, so an event committed between the read and the wait still wakes us.
  const subscription = await hub.subscribe({
    workspaceId,
    userId,
    deliver: () => wake(),
    revoke: () => wake(),
  });
  try {
    const first = await catchUpLiveEvents(db, {
      workspaceId,
      cursor: options.cursor,
      fallback: subscription.since,
    });
    if (first.deliveries.length > 0 || first.reset || options.waitMs <= 0) return respond(first);
    const timer = setTimeout(wake, options.waitMs);
    options.signal.addEventListener('abort', wake, { once: true });
    await woken;
    clearTimeout(timer);
    if (options.signal.aborted) return respond(first);
    const cursor = encodeLiveCursor({ ...first.position, at: nowMs() });
    return respond(await catchUpLiveEvents(db, { workspaceId, cursor, fallback: subscription.since }));
  } finally {
    subscription.unsubscribe();
  }
}

function respond(catchUp: Awaited<ReturnType<typeof catchUpLiveEvents>>): LivePollResponse {
  return {
    events: catchUp.deliveries.map((delivery) => delivery.event),
    cursor: encodeLiveCursor({ ...catchUp.position, at: nowMs() }),
    reset: catchUp.reset,
  };
}
