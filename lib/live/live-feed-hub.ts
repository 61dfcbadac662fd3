import 'server-only';
import { and, inArray } from 'drizzle-orm';
import type { Listen } from '@/lib/db/create-db';
import { memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { nowMs } from '@/lib/time/clock';
import { getLiveHead } from './get-live-head';
import { compareLiveCursors, type LiveCursor } from './live-cursor';
import { type LiveDelivery, toLiveDelivery } from './live-delivery';
import { LIVE_CHANNEL } from './publish-live-event';
import { readLiveEvents } from './read-live-events';

type Key = Pick<LiveCursor, 'tx' | 'id'>;

export type LiveSubscriber = {
  workspaceId: string;
  userId: string;
  /** The workspace's new events, in feed order; called synchronously by the poller. */
  deliver: (deliveries: readonly LiveDelivery[]) => void;
  /** The user is no longer a member: end the stream. */
  revoke: () => void;
};

export type LiveFeedHubOptions = {
  getDb: () => Promise<Db>;
  /** LISTEN, when the database offers it; the hub then polls only as a safety net. */
  listen?: Listen;
  /** Poll interval while NOTIFY wakes the hub (a missed notification costs at most this). */
  pollMs?: number;
  /** Poll interval without LISTEN (serverless behind a pooler): bounds the delivery latency. */
  fallbackPollMs?: number;
  /** How often every open stream's membership is re-checked (one query for all). */
  membershipCheckMs?: number;
  /** Keep polling this long after the last stream closed, for the reconnects that follow. */
  idleStopMs?: number;
  batchSize?: number;
  /**
   * Least time between two reads. Under a burst every committed change sends a NOTIFY; reading once
   * per notification would cost a query per event, while this many ms gathers them into one read.
   */
  minReadIntervalMs?: number;
};

/**
 * One poller per server instance, shared by every open stream on it: each tick is one indexed
 * query for all subscribed workspaces, however many connections are open, and each event is
 * encoded once for all its listeners. The database is the only source: a change committed by any
 * instance or worker reaches every instance's streams. NOTIFY (sent at commit by
 * `publishLiveEvent`) wakes the poller early; polling alone is still correct.
 */
export class LiveFeedHub {
  private readonly options: Required<Omit<LiveFeedHubOptions, 'listen'>> & { listen?: Listen };
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();
  private cursor: Key | null = null;
  private running: Promise<void> | null = null;
  private ready: Promise<void> | null = null;
  private wakeSleep: (() => void) | null = null;
  private dirty = false;
  private listening = false;
  private lastMembershipCheck = 0;
  private failing = false;

  constructor(options: LiveFeedHubOptions) {
    this.options = {
      pollMs: 2000,
      fallbackPollMs: 500,
      membershipCheckMs: 30_000,
      idleStopMs: 30_000,
      batchSize: 500,
      minReadIntervalMs: 40,
      ...options,
    };
  }

  /** Where the hub has read up to: every event at or before it has reached the subscribers. */
  get position(): Key | null {
    return this.cursor;
  }

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /**
   * Registers a subscriber. It receives every event ordered after the returned `since`; events
   * at or before it are the subscriber's own catch-up read (`readLiveEvents`).
   */
  async subscribe(subscriber: LiveSubscriber): Promise<{ since: Key; unsubscribe: () => void }> {
    let set = this.subscribers.get(subscriber.workspaceId);
    if (!set) {
      set = new Set();
      this.subscribers.set(subscriber.workspaceId, set);
    }
    set.add(subscriber);
    const unsubscribe = () => {
      const current = this.subscribers.get(subscriber.workspaceId);
      current?.delete(subscriber);
      if (current?.size === 0) this.subscribers.delete(subscriber.workspaceId);
    };
    try {
      this.start();
      if (!this.cursor) await this.ready;
      if (!this.cursor) throw new Error('live feed poller stopped before it started');
      return { since: this.cursor, unsubscribe };
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }

  /** Poll now (a NOTIFY arrived, or this instance just committed a change in `workspaceId`). */
  wake(workspaceId?: string): void {
    if (workspaceId && !this.subscribers.has(workspaceId)) return;
    this.dirty = true;
    this.wakeSleep?.();
  }

  private start(): void {
    if (this.running) return;
    let markReady: () => void = () => {};
    let failReady: (error: unknown) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    // Subscribers await `ready`; an unobserved rejection must not crash the process.
    this.ready.catch(() => {});
    this.running = this.run(markReady, failReady).then((started) => {
      this.running = null;
      // A stream subscribed while the poller was winding down: carry on from where it stood.
      if (started && this.subscribers.size > 0) this.start();
      else this.cursor = null;
    });
  }

  /** False when it could not start (database unreachable): the waiting subscribers get the error. */
  private async run(markReady: () => void, failReady: (error: unknown) => void): Promise<boolean> {
    let db: Db;
    try {
      db = await this.options.getDb();
      // A stale position would replay everything since the poller last stopped.
      this.cursor ??= await getLiveHead(db);
    } catch (error) {
      failReady(error);
      return false;
    }
    markReady();
    const unlisten = await this.startListening();
    let idleSince = 0;
    let fastDelay = 0;
    try {
      for (;;) {
        if (this.subscribers.size === 0) {
          idleSince ||= Date.now();
          if (Date.now() - idleSince >= this.options.idleStopMs) return true;
        } else {
          idleSince = 0;
        }
        this.dirty = false;
        let pending = false;
        const readAt = Date.now();
        try {
          pending = await this.tick(db);
          if (this.failing) console.info('[tokdesk] live feed: database reachable again');
          this.failing = false;
        } catch (error) {
          if (!this.failing) logError('live feed poller', error);
          this.failing = true;
        }
        if (this.dirty) {
          const gap = this.options.minReadIntervalMs - (Date.now() - readAt);
          if (gap > 0) await this.pause(gap);
          continue;
        }
        const interval = this.failing
          ? 5000
          : this.listening
            ? this.options.pollMs
            : this.options.fallbackPollMs;
        // A later transaction committed while an older one is still open: look again soon.
        fastDelay = pending ? Math.min(interval, fastDelay ? fastDelay * 2 : 25) : 0;
        await this.sleep(fastDelay || interval);
      }
    } finally {
      await unlisten?.().catch(() => {});
      this.listening = false;
    }
  }

  /** One pass: reads every subscribed workspace's new events (paging through bursts). */
  private async tick(db: Db): Promise<boolean> {
    await this.checkMemberships(db);
    for (;;) {
      if (this.subscribers.size === 0 || !this.cursor) return false;
      // Past a few hundred workspaces a filter costs more than reading the few rows it would drop.
      const workspaceIds = this.subscribers.size <= 200 ? [...this.subscribers.keys()] : 'all';
      const { events, next, pending } = await readLiveEvents(db, {
        workspaceIds,
        after: this.cursor,
        limit: this.options.batchSize,
      });
      const at = nowMs();
      const byWorkspace = new Map<string, LiveDelivery[]>();
      for (const record of events) {
        const list = byWorkspace.get(record.workspaceId) ?? [];
        list.push(toLiveDelivery(record, at));
        byWorkspace.set(record.workspaceId, list);
      }
      if (compareLiveCursors(next, this.cursor) > 0) this.cursor = next;
      for (const [workspaceId, deliveries] of byWorkspace) this.fanOut(workspaceId, deliveries);
      if (events.length < this.options.batchSize) return pending;
    }
  }

  private fanOut(workspaceId: string, deliveries: LiveDelivery[]): void {
    const set = this.subscribers.get(workspaceId);
    if (!set) return;
    const removed = new Set(
      deliveries.flatMap(({ event }) => (event.type === 'member.removed' ? [event.data.userId] : [])),
    );
    for (const subscriber of [...set]) {
      try {
        subscriber.deliver(deliveries);
        if (removed.has(subscriber.userId)) subscriber.revoke();
      } catch (error) {
        logError('live feed subscriber', error);
      }
    }
  }

  /** Ends the streams of users who are no longer members (removed on another path, or it was missed). */
  private async checkMemberships(db: Db): Promise<void> {
    if (Date.now() - this.lastMembershipCheck < this.options.membershipCheckMs) return;
    this.lastMembershipCheck = Date.now();
    const all = [...this.subscribers.values()].flatMap((set) => [...set]);
    if (all.length === 0) return;
    const rows = await db
      .select({ workspaceId: memberships.workspaceId, userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          inArray(memberships.workspaceId, [...new Set(all.map((s) => s.workspaceId))]),
          inArray(memberships.userId, [...new Set(all.map((s) => s.userId))]),
        ),
      );
    const members = new Set(rows.map((row) => `${row.workspaceId} ${row.userId}`));
    for (const subscriber of all) {
      if (!members.has(`${subscriber.workspaceId} ${subscriber.userId}`)) subscriber.revoke();
    }
  }

  private async startListening(): Promise<(() => Promise<void>) | null> {
    if (!this.options.listen) return null;
    try {
      const unlisten = await this.options.listen(LIVE_CHANNEL, (workspaceId) => this.wake(workspaceId));
      this.listening = true;
      return unlisten;
    } catch (error) {
      // Polling alone is correct, just slower to notice.
      logError('live feed LISTEN (falling back to polling)', error);
      return null;
    }
  }

  /** A wait that wake-ups do not cut short (they are already noted in `dirty`). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = done;
    }).finally(() => {
      this.wakeSleep = null;
    });
  }
}
