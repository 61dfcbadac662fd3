/**
 * Job ids a running pool should claim next, ahead of older due work, and a wake-up for it. The
 * in-process ticker and the after-response runner each own one; `kickJobs` feeds them.
 */
export class KickQueue {
  private readonly ids = new Set<string>();
  private listener: (() => void) | null = null;

  add(ids: readonly string[]): void {
    for (const id of ids) this.ids.add(id);
    this.listener?.();
  }

  /** Removes and returns up to `max` ids. */
  take(max = 100): string[] {
    const taken = [...this.ids].slice(0, max);
    for (const id of taken) this.ids.delete(id);
    return taken;
  }

  get size(): number {
    return this.ids.size;
  }

  /** One listener: the pool that currently drains this queue. */
  listen(listener: (() => void) | null): void {
    this.listener = listener;
  }
}
