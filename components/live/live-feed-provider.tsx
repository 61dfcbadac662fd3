'use client';

import { useRouter } from 'next/navigation';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useTransition,
} from 'react';
import { compareLiveCursors, parseLiveCursor } from '@/lib/live/live-cursor';
import type { LiveEvent, LiveEventType } from '@/lib/live/live-event-types';
import { LiveFeedClient, type LiveStatus } from './live-feed-client';

type Handler = (event: LiveEvent | null) => void;
type Subscription = { types: ReadonlySet<string> | null; handler: Handler };

export type LiveFeed = {
  status: LiveStatus;
  /**
   * Calls `handler` for each event of `types` (all when null), and with null when events were
   * missed and the subscriber should reload. Pass `since` (the cursor the page was rendered with) to
   * also receive events that arrived between that render and this call. Returns the unsubscribe.
   */
  subscribe: (types: readonly LiveEventType[] | null, handler: Handler, since?: string) => () => void;
};

const LiveFeedContext = createContext<LiveFeed | null>(null);
/** Recent events kept for subscribers that mount after their page was rendered (client navigation). */
const RECENT_EVENTS = 200;

/**
 * One live connection per tab for the current workspace, shared by every subscriber on the page.
 * Rendered by the app layout with the cursor taken before the page read its data.
 */
export function LiveFeedProvider({
  workspaceId,
  cursor,
  children,
}: {
  workspaceId: string;
  cursor: string;
  children: ReactNode;
}) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const subscriptions = useRef(new Set<Subscription>());
  const recent = useRef<LiveEvent[]>([]);
  // Read once per workspace: a layout re-render (router.refresh) hands in a newer cursor we must not jump to.
  const initialCursor = useRef(cursor);

  useEffect(() => {
    recent.current = [];
    const client = new LiveFeedClient({
      workspaceId,
      cursor: initialCursor.current,
      onStatus: setStatus,
      onEvent: (event) => {
        recent.current.push(event);
        if (recent.current.length > RECENT_EVENTS) recent.current.shift();
        for (const subscription of [...subscriptions.current]) {
          if (!subscription.types || subscription.types.has(event.type)) subscription.handler(event);
        }
      },
      onReset: () => {
        for (const subscription of [...subscriptions.current]) subscription.handler(null);
      },
    });
    client.start();
    return () => {
      client.stop();
      initialCursor.current = '';
    };
  }, [workspaceId]);

  const subscribe = useCallback<LiveFeed['subscribe']>((types, handler, since) => {
    const subscription: Subscription = { types: types ? new Set(types) : null, handler };
    subscriptions.current.add(subscription);
    const from = parseLiveCursor(since);
    if (from) {
      const missed = recent.current.filter((event) => {
        const key = parseLiveCursor(event.cursor);
        return key && compareLiveCursors(key, from) > 0 && (!types || types.includes(event.type));
      });
      if (missed.length > 0) queueMicrotask(() => missed.forEach(handler));
    }
    return () => {
      subscriptions.current.delete(subscription);
    };
  }, []);
  const feed = useMemo<LiveFeed>(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveFeedContext.Provider value={feed}>{children}</LiveFeedContext.Provider>;
}

/** The workspace's live feed; outside the app layout (no provider) it reports `ended` and never calls back. */
export function useLiveFeed(): LiveFeed {
  return useContext(LiveFeedContext) ?? { status: 'ended', subscribe: () => () => {} };
}

/**
 * Calls `handler` for every event of the given types (null: the page must reload its data). The
 * handler may change between renders without resubscribing.
 */
export function useLiveEvent<T extends LiveEventType>(
  types: readonly T[],
  handler: (event: LiveEvent<T> | null) => void,
  since?: string,
): void {
  const { subscribe } = useLiveFeed();
  const latest = useRef(handler);
  latest.current = handler;
  const key = types.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `types`; `since` is read once.
  useEffect(
    () => subscribe(key.split(',') as T[], (event) => latest.current(event as LiveEvent<T> | null), since),
    [subscribe, key],
  );
}

/**
 * For server-rendered pages: re-renders the page (router.refresh) when an event of these types
 * arrives, coalescing bursts into at most one refresh in flight plus one after it.
 */
export function useLiveRefresh(types: readonly LiveEventType[], since?: string): void {
  const router = useRouter();
  const [isRefreshing, startTransition] = useTransition();
  const queued = useRef(false);
  const refreshing = useRef(false);
  refreshing.current = isRefreshing;
  useEffect(() => {
    if (!isRefreshing && queued.current) {
      queued.current = false;
      startTransition(() => router.refresh());
    }
  }, [isRefreshing, router]);
  useLiveEvent(
    types,
    () => {
      if (refreshing.current) queued.current = true;
      else startTransition(() => router.refresh());
    },
    since,
  );
}
