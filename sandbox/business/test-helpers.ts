import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJsonWithInt64 } from '../core/int64-json';
import type { RunningSandbox } from '../server';
import type { ApiEnvelope } from './testing';

export type ApiCall = {
  method?: string;
  token?: string | null;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
};

/** Calls `/open_api/v1.3/<path>` with JSON and the Access-Token header, returning the envelope. */
export async function callApi<T = Record<string, unknown>>(
  sandbox: RunningSandbox,
  path: string,
  call: ApiCall = {},
) {
  const url = new URL(`${sandbox.url}/open_api/v1.3/${path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers['Access-Token'] = call.token;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  // Ids may be bare int64 numbers: read them exactly, as a client must.
  return { status: response.status, json: parseJsonWithInt64(await response.text()) as ApiEnvelope<T> };
}

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string };

/** A local HTTP receiver on port 0 that records every webhook it gets and answers 200. */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/tiktok`;
  return {
    url,
    received,
    /** Resolves once `count` webhooks have arrived. */
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
