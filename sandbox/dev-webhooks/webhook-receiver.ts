import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = {
  signature: string;
  body: string;
  envelope: Record<string, unknown>;
  content: Record<string, unknown>;
  validSignature: boolean;
};

/** A tiny webhook receiver on a free port that checks TikTok's HMAC signature. */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['tiktok-signature'] ?? '');
      const parts = Object.fromEntries(
        signature.split(',').map((part) => part.split('=') as [string, string]),
      );
      const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
      const given = Buffer.from(parts.s ?? '', 'utf8');
      const validSignature =
        given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
      const envelope = JSON.parse(body) as Record<string, unknown>;
      const content = JSON.parse(String(envelope.content)) as Record<string, unknown>;
      received.push({ signature, body, envelope, content, validSignature });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/tiktok`;
  return {
    url,
    received,
    async waitFor(
      event: string,
      predicate: (hook: ReceivedWebhook) => boolean = () => true,
      timeoutMs = 5000,
    ) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const hit = received.find((hook) => hook.envelope.event === event && predicate(hook));
        if (hit) return hit;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no ${event} webhook within ${timeoutMs} ms`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
