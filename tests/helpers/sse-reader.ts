/** One parsed Server-Sent Events message (comments and retry lines dropped). */
export type SseMessage = { id?: string; event: string; data: string };

/**
 * Reads a `text/event-stream` body the way EventSource does, and keeps the last `id` seen
 * (including id-only heartbeats), which is what a browser would send back as Last-Event-ID.
 */
export class SseReader {
  readonly messages: SseMessage[] = [];
  lastEventId: string | null = null;
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    void this.pump(body);
  }

  private async pump(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let split = this.buffer.indexOf('\n\n');
        while (split >= 0) {
          this.parse(this.buffer.slice(0, split));
          this.buffer = this.buffer.slice(split + 2);
          split = this.buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by the test.
    } finally {
      this.ended = true;
      this.notify();
    }
  }

  private parse(block: string) {
    let event = 'message';
    const data: string[] = [];
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== undefined) this.lastEventId = id;
    if (data.length > 0) {
      this.messages.push({ id, event, data: data.join('\n') });
      this.notify();
    }
  }

  private notify() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `predicate` holds for the messages so far (or the stream ends). */
  async waitFor(predicate: (messages: SseMessage[]) => boolean, timeoutMs = 10_000): Promise<SseMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (this.ended) throw new Error(`stream ended; got ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream did not end');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The feed events received (the default `message` type), parsed. */
  events<T = { cursor: string; type: string; data: Record<string, unknown> }>(): T[] {
    return this.messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as T);
  }
}
