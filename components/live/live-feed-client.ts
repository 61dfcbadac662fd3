import type { LiveEvent, LivePollResponse } from '@/lib/live/live-event-types';

/**
 * `connecting`: opening the stream · `live`: streaming · `polling`: the stream failed but the JSON
 * endpoint works (a proxy that breaks streams) · `offline`: neither answers, retrying with backoff
 * · `ended`: signed out or no longer a member; nothing more will come.
 */
export type LiveStatus = 'connecting' | 'live' | 'polling' | 'offline' | 'ended';

type EventSourceLike = {
  readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
};

export type LiveFeedClientOptions = {
  workspaceId: string;
  /** The cursor the page was rendered with; events after it arrive, none before. */
  cursor: string | null;
  onEvent: (event: LiveEvent) => void;
  /** Events were missed (the client was away too long): reload what is shown. */
  onReset: () => void;
  onStatus: (status: LiveStatus) => void;
  /** Injected by tests; the browser's by default. */
  createEventSource?: (url: string) => EventSourceLike;
  fetch?: typeof fetch;
  random?: () => number;
};

const CLOSED = 2;
/** Consecutive stream errors before the client stops the browser's own retries and takes over. */
const MAX_STREAM_ERRORS = 3;
const MAX_BACKOFF_MS = 30_000;
/** While polling, try the stream again this often (the network may have changed). */
const RETRY_STREAM_AFTER_MS = 60_000;
const LONG_POLL_SECONDS = 20;

/**
 * The browser side of the live feed. It streams with EventSource, whose own reconnects send
 * Last-Event-ID (the server ends each stream after a few minutes, and every event and heartbeat
 * carries its cursor). When the stream keeps failing it asks the JSON endpoint why: 401/403/404
 * end the feed (signed out, removed from the workspace); otherwise it long-polls from the same
 * cursor and retries the stream later; with neither reachable it backs off exponentially with
 * jitter, up to 30 s, and comes back at once when the browser goes online.
 */
export class LiveFeedClient {
  private readonly options: LiveFeedClientOptions;
  private cursor: string | null;
  private source: EventSourceLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private poller: AbortController | null = null;
  private errors = 0;
  private failures = 0;
  private stopped = false;
  private status: LiveStatus | null = null;

  constructor(options: LiveFeedClientOptions) {
    this.options = options;
    this.cursor = options.cursor;
  }

  start(): void {
    this.stopped = false;
    globalThis.addEventListener?.('online', this.reconnectNow);
    this.openStream();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.reconnectNow);
    this.closeStream();
    this.poller?.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  private readonly reconnectNow = () => {
    if (this.stopped || this.status === 'live' || this.status === 'ended') return;
    if (this.timer) clearTimeout(this.timer);
    this.poller?.abort();
    this.openStream();
  };

  private setStatus(status: LiveStatus) {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus(status);
  }

  private url(path: string, params: Record<string, string>) {
    const query = new URLSearchParams(params);
    if (this.cursor) query.set('cursor', this.cursor);
    const search = query.toString();
    return `/api/workspaces/${encodeURIComponent(this.options.workspaceId)}/live${path}${search ? `?${search}` : ''}`;
  }

  private openStream() {
    this.closeStream();
    this.setStatus('connecting');
    const create = this.options.createEventSource ?? ((url: string) => new EventSource(url));
    const source = create(this.url('', {}));
    this.source = source;
    source.onopen = () => {
      this.errors = 0;
      this.failures = 0;
      this.setStatus('live');
    };
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as LiveEvent;
      this.cursor = event.cursor;
      this.options.onEvent(event);
    };
    source.addEventListener('reset', (message) => {
      if (message.lastEventId) this.cursor = message.lastEventId;
      this.options.onReset();
    });
    source.addEventListener('end', () => {
      this.closeStream();
      this.setStatus('ended');
    });
    source.onerror = () => {
      if (this.source !== source) return;
      this.errors += 1;
      // CONNECTING: the browser retries by itself with Last-Event-ID; CLOSED: it gave up (an error status).
      if (source.readyState !== CLOSED && this.errors < MAX_STREAM_ERRORS) {
        this.setStatus('connecting');
        return;
      }
      this.closeStream();
      void this.fallBack();
    };
  }

  private closeStream() {
    if (!this.source) return;
    this.source.onopen = null;
    this.source.onmessage = null;
    this.source.onerror = null;
    this.source.close();
    this.source = null;
  }

  /** The stream failed: poll instead while the JSON endpoint works, else back off and retry. */
  private async fallBack() {
    if (this.stopped) return;
    const fetcher = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const retryStreamAt = Date.now() + RETRY_STREAM_AFTER_MS;
    while (!this.stopped && Date.now() < retryStreamAt) {
      this.poller = new AbortController();
      let response: Response;
      try {
        const wait = this.status === 'polling' ? String(LONG_POLL_SECONDS) : '0';
        response = await fetcher(this.url('/events', { wait }), {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
          signal: this.poller.signal,
        });
      } catch {
        if (this.stopped) return;
        break;
      }
      if ([401, 403, 404].includes(response.status)) {
        this.setStatus('ended');
        return;
      }
      if (!response.ok) break;
      const body = (await response.json()) as LivePollResponse;
      this.failures = 0;
      this.setStatus('polling');
      if (body.reset) this.options.onReset();
      for (const event of body.events) this.options.onEvent(event);
      this.cursor = body.cursor;
    }
    if (this.stopped) return;
    if (this.status !== 'polling') this.setStatus('offline');
    this.failures += 1;
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
    const delay =
      this.status === 'polling' ? 0 : base / 2 + (this.options.random ?? Math.random)() * (base / 2);
    this.timer = setTimeout(() => this.openStream(), delay);
  }
}
