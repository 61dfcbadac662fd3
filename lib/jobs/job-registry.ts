import type { Db } from '@/lib/db/types';
import type { JobHandler, JobType } from './define-job';

/**
 * What a runner can run: handlers by type, plus work to do once when a runner starts with them
 * (sync declared schedules, replay webhook events held for a handler that now exists).
 */
export type JobRegistry = {
  readonly handlers: ReadonlyMap<string, JobHandler>;
  /** Idempotent, cheap; run when a runner starts and then every few minutes (rolling deploys). */
  readonly onStart: readonly ((db: Db) => Promise<void>)[];
};

export function createJobRegistry(
  handlers: readonly JobHandler[],
  options: { onStart?: readonly ((db: Db) => Promise<void>)[] } = {},
): JobRegistry {
  const map = new Map<string, JobHandler>();
  for (const handler of handlers) {
    if (map.has(handler.job.type)) throw new Error(`Two handlers for job type "${handler.job.type}".`);
    map.set(handler.job.type, handler);
  }
  return { handlers: map, onStart: options.onStart ?? [] };
}

export function registeredJobTypes(registry: JobRegistry): JobType[] {
  return [...registry.handlers.values()].map((handler) => handler.job);
}

// Next compiles instrumentation (which registers) and each route (which kicks) as separate
// bundles: the registry they share lives on globalThis, like the clock's offset.
const slot = globalThis as unknown as { tokdeskJobRegistry?: JobRegistry };

/**
 * Makes the runner-side registry available to `kickJobs` in this process. Called where a server
 * starts (instrumentation.ts); lib/ code that enqueues must not import handlers itself.
 */
export function setProcessJobRegistry(registry: JobRegistry): void {
  slot.tokdeskJobRegistry = registry;
}

export function getProcessJobRegistry(): JobRegistry | undefined {
  return slot.tokdeskJobRegistry;
}
