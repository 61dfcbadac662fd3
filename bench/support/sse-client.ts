import http from 'node:http';

export type SseEvent = { id: string | undefined; event: string; data: string; receivedAt: number };

export type SseConnection = { close: () => void; closed: Promise<void> };

/**
 * A minimal EventSource for benchmarks: one GET over its own socket, parsed as the spec says,
 * tracking the last `id` (heartbeats included) like a browser does for Last-Event-ID.
 */
export class SseClient {
  lastEventId: string | null = null;

  constructor(
    private readonly options: {
      port: number;
      path: string;
      cookie: string;
      onEvent: (event: SseEvent) => void;
    },
  ) {}

  /** Resolves once the response headers arrived (the server has subscribed the stream). */
  connect(): Promise<SseConnection> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', cookie: this.options.cookie };
      if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
      const request = http.get(
        { host: '127.0.0.1', port: this.options.port, path: this.options.path, headers, agent: false },
        (response) => {
          if (response.statusCode !== 200) {
            reject(new Error(`stream answered ${response.statusCode}`));
            response.resume();
            return;
          }
          response.setEncoding('utf8');
          let buffer = '';
          const closed = new Promise<void>((done) => {
            response.on('close', done);
            response.on('error', () => done());
          });
          response.on('data', (chunk: string) => {
            buffer += chunk;
            let split = buffer.indexOf('\n\n');
            while (split >= 0) {
              this.parse(buffer.slice(0, split), Date.now());
              buffer = buffer.slice(split + 2);
              split = buffer.indexOf('\n\n');
            }
          });
          resolve({ close: () => request.destroy(), closed });
        },
      );
      request.on('error', reject);
    });
  }

  private parse(block: string, receivedAt: number) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
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
    if (data.length > 0) this.options.onEvent({ id, event, data: data.join('\n'), receivedAt });
  }
}
