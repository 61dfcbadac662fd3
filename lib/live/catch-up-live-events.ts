import 'server-only';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import { compareLiveCursors, type LiveCursor, parseLiveCursor } from './live-cursor';
import { type LiveDelivery, toLiveDelivery } from './live-delivery';
import { LIVE_MAX_CATCH_UP_EVENTS, LIVE_RESUME_WINDOW_MS } from './live-retention';
import { readLiveEvents } from './read-live-events';

type Key = Pick<LiveCursor, 'tx' | 'id'>;

export type CatchUpOptions = {
  workspaceId: string;
  /** What the client sent (Last-Event-ID or `cursor`); null when it sent nothing. */
  cursor: string | null;
  /** Where to start when the client sent nothing or must reload (the feed's current end). */
  fallback: Key;
  pageSize?: number;
};

export type CatchUp = {
  /** Events after the client's cursor, in order (empty on reset). */
  deliveries: LiveDelivery[];
  /** Everything up to here is in `deliveries` or was before the client's cursor. */
  position: Key;
  /** The client's cursor could not be honoured (unknown, too old, too far behind): it must reload. */
  reset: boolean;
};

/**
 * Reads what a reconnecting client missed in its workspace, from its cursor on. A cursor older
 * than the retention, one we never issued, or a backlog past LIVE_MAX_CATCH_UP_EVENTS ends in a
 * reset: the client reloads its state, which is cheaper than replaying and never silently wrong.
 */
export async function catchUpLiveEvents(
  db: Db,
  { workspaceId, cursor, fallback, pageSize = 500 }: CatchUpOptions,
): Promise<CatchUp> {
  const parsed = parseLiveCursor(cursor);
  const reset = cursor !== null && (!parsed || parsed.at < nowMs() - LIVE_RESUME_WINDOW_MS);
  // Without a usable cursor, still read from the poller's position: the poller's read that was in
  // flight when this client subscribed did not include its workspace.
  let position: Key = parsed && !reset ? { tx: parsed.tx, id: parsed.id } : fallback;
  const deliveries: LiveDelivery[] = [];
  for (;;) {
    const page = await readLiveEvents(db, { workspaceIds: [workspaceId], after: position, limit: pageSize });
    const at = nowMs();
    for (const record of page.events) deliveries.push(toLiveDelivery(record, at));
    position = page.next;
    if (deliveries.length > LIVE_MAX_CATCH_UP_EVENTS) {
      const later = compareLiveCursors(position, fallback) > 0 ? position : fallback;
      return { deliveries: [], position: later, reset: true };
    }
    if (page.events.length < pageSize) return { deliveries, position, reset };
  }
}
