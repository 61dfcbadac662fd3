export type LoggedRequest = {
  at: number;
  method: string;
  path: string;
  endpoint: string;
  status: number;
  fault: boolean;
};

const MAX_ENTRIES = 5000;

/** Every API request the sandbox answered, newest last; tests count calls per endpoint from it. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private counts = new Map<string, number>();

  record(entry: LoggedRequest) {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.counts.set(entry.endpoint, (this.counts.get(entry.endpoint) ?? 0) + 1);
  }

  list(filter: { endpoint?: string; limit?: number } = {}) {
    const rows = filter.endpoint ? this.entries.filter((e) => e.endpoint === filter.endpoint) : this.entries;
    return rows.slice(-(filter.limit ?? 200));
  }

  countsByEndpoint(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear() {
    this.entries = [];
    this.counts.clear();
  }
}
