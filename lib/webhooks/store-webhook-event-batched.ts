import 'server-only';
import type { Db } from '@/lib/db/types';
import { storeWebhookEvents, type WebhookEventRow } from './store-webhook-events';

/** Groups written at once per process; more wait and join the next group. */
const MAX_GROUPS_IN_FLIGHT = 2;
const MAX_GROUP_SIZE = 200;

type Waiter = { row: WebhookEventRow; resolve: (stored: boolean) => void; reject: (error: unknown) => void };

/**
 * Group commit for webhook deliveries. Each commit waits for a WAL flush, and at hundreds of
 * deliveries a second those flushes, not the work, set the latency. Deliveries that arrive while
 * earlier groups are being written are stored together in one statement; each caller still gets
 * its answer only after its own row is durable. A group that fails is retried row by row, so one
 * event Postgres refuses cannot take the others down with it.
 */
class WebhookStoreBatcher {
  private waiting: Waiter[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly db: Db) {}

  store(row: WebhookEventRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= MAX_GROUPS_IN_FLIGHT || this.waiting.length === 0) return;
    this.scheduled = true;
    // Let every request of this turn of the event loop join the group.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < MAX_GROUPS_IN_FLIGHT && this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP_SIZE);
        this.inFlight += 1;
        void this.write(group).finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  private async write(group: Waiter[]) {
    try {
      const stored = await storeWebhookEvents(
        this.db,
        group.map((waiter) => waiter.row),
      );
      for (const waiter of group) waiter.resolve(stored.has(waiter.row.eventId));
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      await Promise.all(
        group.map((waiter) =>
          storeWebhookEvents(this.db, [waiter.row]).then(
            (stored) => waiter.resolve(stored.has(waiter.row.eventId)),
            waiter.reject,
          ),
        ),
      );
    }
  }
}

const batchers = new WeakMap<Db, WebhookStoreBatcher>();

/** Stores one delivery (grouped with concurrent ones); true if stored, false for a redelivery. */
export function storeWebhookEventBatched(db: Db, row: WebhookEventRow): Promise<boolean> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new WebhookStoreBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.store(row);
}
