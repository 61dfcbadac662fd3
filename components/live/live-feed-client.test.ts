import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '@/lib/live/live-event-types';
import { LiveFeedClient, type LiveStatus } from './live-feed-client';

class FakeEventSource {
  static last: FakeEventSource;
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  listeners = new Map<string, (event: MessageEvent) => void>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  message(event: LiveEvent) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(event), lastEventId: event.cursor }));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

const event = (cursor: string, accountId: string): LiveEvent => ({
  cursor,
  type: 'account.status_changed',
  data: { accountId, status: 'disconnected', reason: null },
  at: new Date().toISOString(),
});

function setUp(fetch: (url: string) => Promise<Response>) {
  const events: string[] = [];
  const statuses: LiveStatus[] = [];
  const resets: number[] = [];
  const urls: string[] = [];
  const client = new LiveFeedClient({
    workspaceId: 'ws-1',
    cursor: '10.0.1',
    onEvent: (e) => events.push(e.type === 'account.status_changed' ? e.data.accountId : e.type),
    onReset: () => resets.push(1),
    onStatus: (status) => statuses.push(status),
    createEventSource: (url) => new FakeEventSource(url),
    fetch: ((url: string) => {
      urls.push(url);
      return fetch(url);
    }) as typeof globalThis.fetch,
    random: () => 0.5,
  });
  return { client, events, statuses, resets, urls };
}

const never = () => new Promise<Response>(() => {});

describe('LiveFeedClient', () => {
  it('streams from the page’s cursor, dispatches events and reports live', () => {
    const { client, events, statuses } = setUp(never);
    client.start();
    expect(FakeEventSource.last.url).toBe('/api/workspaces/ws-1/live?cursor=10.0.1');
    FakeEventSource.last.open();
    FakeEventSource.last.message(event('11.1.2', 'a1'));
    expect(events).toEqual(['a1']);
    expect(statuses).toEqual(['connecting', 'live']);
    client.stop();
    expect(FakeEventSource.last.closed).toBe(true);
  });

  it('lets the browser retry a dropped stream, but after repeated errors polls from the last cursor', async () => {
    const polls: ((response: Response) => void)[] = [];
    const { client, events, statuses, urls, resets } = setUp(
      () => new Promise<Response>((resolve) => polls.push(resolve)),
    );
    client.start();
    const stream = FakeEventSource.last;
    stream.open();
    stream.message(event('11.1.2', 'a1'));
    stream.fail(0);
    stream.fail(0);
    expect(stream.closed).toBe(false);
    stream.fail(0);
    expect(stream.closed).toBe(true);
    await vi.waitFor(() => expect(polls).toHaveLength(1));
    expect(urls[0]).toBe('/api/workspaces/ws-1/live/events?wait=0&cursor=11.1.2');
    polls[0]!(Response.json({ events: [event('12.3.4', 'a2')], cursor: '13.0.5', reset: true }));
    await vi.waitFor(() => expect(polls).toHaveLength(2));
    expect(urls[1]).toBe('/api/workspaces/ws-1/live/events?wait=20&cursor=13.0.5');
    expect(events).toEqual(['a1', 'a2']);
    expect(resets).toHaveLength(1);
    expect(statuses.at(-1)).toBe('polling');
    client.stop();
  });

  it('ends for good when the workspace refuses the user (removed, signed out)', async () => {
    const { client, statuses } = setUp(async () => Response.json({ error: {} }, { status: 404 }));
    client.start();
    FakeEventSource.last.fail(2);
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('ended'));
    client.stop();
  });

  it('backs off with jitter while nothing answers, then opens the stream again', async () => {
    vi.useFakeTimers();
    try {
      const { client, statuses } = setUp(async () => {
        throw new TypeError('network down');
      });
      client.start();
      const first = FakeEventSource.last;
      first.fail(2);
      await vi.advanceTimersByTimeAsync(0);
      expect(statuses.at(-1)).toBe('offline');
      // First backoff: between 0.5 and 1 s (random 0.5 → 750 ms).
      await vi.advanceTimersByTimeAsync(700);
      expect(FakeEventSource.last).toBe(first);
      await vi.advanceTimersByTimeAsync(100);
      expect(FakeEventSource.last).not.toBe(first);
      client.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
