import 'server-only';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import { catchUpLiveEvents } from './catch-up-live-events';
import { compareLiveCursors, encodeLiveCursor, type LiveCursor } from './live-cursor';
import { encodeSseText, type LiveDelivery } from './live-delivery';
import type { LiveFeedHub } from './live-feed-hub';

type Key = Pick<LiveCursor, 'tx' | 'id'>;

export type OpenLiveStreamOptions = {
  workspaceId: string;
  userId: string;
  /** `Last-Event-ID` on a reconnect, else the `cursor` the page was rendered with; null for "from now". */
  cursor: string | null;
  hub: LiveFeedHub;
  /** Fires when the client goes away. */
  signal: AbortSignal;
  /** The stream ends by itself after about this long (under the platform's function limit). */
  lifetimeMs: number;
  heartbeatMs?: number;
};

/** Browsers wait this long before reconnecting after the stream ends. */
const RETRY_MS = 1000;
/** A client this far behind is not reading: drop it, it resumes from its cursor when it returns. */
const MAX_QUEUED_BYTES = 1024 * 1024;

export const LIVE_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression (and with it buffering) off the stream.
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/**
 * The workspace's live feed as Server-Sent Events. It first catches up from the client's cursor
 * (registering with the instance's poller beforehand, so nothing falls between the two), then
 * forwards what the poller reads. Every event carries its cursor as the SSE `id`, and heartbeats
 * move it on, so the browser's automatic reconnect resumes exactly where it stopped. The stream
 * ends after `lifetimeMs` (spread ±10 % so clients do not reconnect in one wave), when the client
 * leaves, stops reading, or loses its membership (an `end` event says so, and it does not resume).
 */
export async function openLiveStream(db: Db, options: OpenLiveStreamOptions): Promise<Response> {
  const { workspaceId, userId, hub, signal } = options;
  let state: 'catching-up' | 'live' | 'closed' = 'catching-up';
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const waiting: LiveDelivery[] = [];
  const early: Uint8Array[] = [];
  let position: Key = { tx: 0, id: 0 };
  let revoked = false;
  const timers: NodeJS.Timeout[] = [];

  const send = (bytes: Uint8Array) => {
    if (state === 'closed') return;
    if (!controller) {
      early.push(bytes);
      return;
    }
    controller.enqueue(bytes);
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
  };
  // One chunk per read of the poller, not one per event: each chunk costs this stream a socket
  // write, and under a burst a read brings many events to every open stream.
  const forward = (deliveries: readonly LiveDelivery[]) => {
    const frames: Uint8Array[] = [];
    for (const delivery of deliveries) {
      if (compareLiveCursors(delivery.key, position) <= 0) continue;
      frames.push(delivery.frame);
      position = delivery.key;
    }
    if (frames.length > 0) send(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  };
  const subscription = await hub.subscribe({
    workspaceId,
    userId,
    deliver: (deliveries) => (state === 'live' ? forward(deliveries) : waiting.push(...deliveries)),
    revoke: () => {
      revoked = true;
      if (state !== 'catching-up') end('membership');
    },
  });
  function close() {
    if (state === 'closed') return;
    state = 'closed';
    subscription.unsubscribe();
    for (const timer of timers) clearTimeout(timer);
    signal.removeEventListener('abort', close);
    try {
      controller?.close();
    } catch {
      // Already closed by the client.
    }
  }
  function end(reason: 'membership') {
    send(encodeSseText(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`));
    close();
  }

  try {
    const catchUp = await catchUpLiveEvents(db, {
      workspaceId,
      cursor: options.cursor,
      fallback: subscription.since,
    });
    send(encodeSseText(`retry: ${RETRY_MS}\n\n`));
    position = catchUp.position;
    if (catchUp.reset) {
      send(
        encodeSseText(`id: ${encodeLiveCursor({ ...position, at: nowMs() })}\nevent: reset\ndata: {}\n\n`),
      );
    }
    for (const delivery of catchUp.deliveries) {
      send(delivery.frame);
      position = delivery.key;
    }
    state = 'live';
    forward(waiting.splice(0));
  } catch (error) {
    close();
    throw error;
  }
  if (revoked) end('membership');

  const heartbeat = () => {
    const hubPosition = hub.position;
    const at = hubPosition && compareLiveCursors(hubPosition, position) > 0 ? hubPosition : position;
    // An `id` without data moves the browser's Last-Event-ID on without dispatching an event.
    send(encodeSseText(`: heartbeat\nid: ${encodeLiveCursor({ ...at, at: nowMs() })}\n\n`));
    if (state !== 'closed') timers.push(setTimeout(heartbeat, options.heartbeatMs ?? 15_000));
  };
  timers.push(setTimeout(heartbeat, options.heartbeatMs ?? 15_000));
  timers.push(setTimeout(close, options.lifetimeMs * (0.9 + Math.random() * 0.2)));
  if (signal.aborted) close();
  else signal.addEventListener('abort', close, { once: true });

  const body = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        for (const bytes of early.splice(0)) streamController.enqueue(bytes);
        if (state === 'closed') streamController.close();
      },
      cancel: close,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(body, { headers: LIVE_STREAM_HEADERS });
}
