import 'server-only';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { finishJobs, type JobFinish } from './finish-jobs';

const MAX_BATCH = 500;
const MAX_FLUSHES_IN_FLIGHT = 2;
const RETRY_DELAYS_MS = [200, 1000, 5000];

type Waiter = { finish: JobFinish; resolve: (recorded: boolean) => void };

/**
 * Group commit for job outcomes: runs that end while a flush is being written are recorded together
 * in the next statement, so finishing costs one statement per batch, not one per job. A flush that
 * fails is retried a few times; after that its runs are given up on, and their leases running out
 * hands the jobs to another run (at least once, as always).
 */
export class JobFinisher {
  private waiting: Waiter[] = [];
  private flushing = 0;

  constructor(
    private readonly db: Db,
    /** Called after each flush with how many runs it recorded. */
    private readonly onFlushed: (recorded: number) => void = () => {},
  ) {}

  add(finish: JobFinish): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting.push({ finish, resolve });
      this.schedule();
    });
  }

  get idle(): boolean {
    return this.waiting.length === 0 && this.flushing === 0;
  }

  private schedule() {
    while (this.flushing < MAX_FLUSHES_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.flushing += 1;
      void this.flush(batch).then((recorded) => {
        this.flushing -= 1;
        this.schedule();
        // After the count drops, so a listener that checks `idle` sees this flush as done.
        this.onFlushed(recorded);
      });
    }
  }

  private async flush(batch: Waiter[]): Promise<number> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const recorded = await finishJobs(
          this.db,
          batch.map((waiter) => waiter.finish),
        );
        for (const waiter of batch) waiter.resolve(recorded.has(waiter.finish.id));
        return recorded.size;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          logError(`recording ${batch.length} job outcome(s) failed; their leases will run out`, error);
          for (const waiter of batch) waiter.resolve(false);
          return 0;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
