import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

const DOWNLOAD_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * Fetches media the way TikTok's puller does: any redirect or non-2xx fails the task, the body is
 * streamed to disk (never buffered), and the whole download must finish within an hour.
 */
export async function pullMedia(input: {
  url: string;
  path: string;
  maxBytes: number;
  signal: AbortSignal;
  onBytes: (count: number) => void;
}) {
  const signal = AbortSignal.any([input.signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]);
  const response = await fetch(input.url, { redirect: 'manual', signal });
  if (response.status < 200 || response.status >= 300 || !response.body) {
    await response.body?.cancel();
    throw new Error(`media URL answered HTTP ${response.status}`);
  }
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > input.maxBytes) return done(new Error('media is larger than allowed'));
      input.onBytes(chunk.length);
      done(null, chunk);
    },
  });
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  await pipeline(body, counter, createWriteStream(input.path), { signal });
}
