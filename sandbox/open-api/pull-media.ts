import { createWriteStream, type WriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

const DOWNLOAD_TIMEOUT_MS = 60 * 60 * 1000;
/** Range size when pulling in ranges; TikTok's is unknown, 8 MiB is a common CDN-friendly size. */
const RANGE_BYTES = 8 * 1024 * 1024;

type PullInput = {
  url: string;
  path: string;
  maxBytes: number;
  signal: AbortSignal;
  onBytes: (count: number) => void;
  /**
   * Fetch in `Range` requests, as TikTok's puller has been seen to (a server ignoring Range made it
   * fail, postiz-app PR #1784); a 200 to a ranged request then fails the pull.
   */
  inRanges?: boolean;
};

/**
 * Fetches media the way TikTok's puller does: any redirect or non-2xx fails the task, the body is
 * streamed to disk (never buffered), and the whole download must finish within an hour.
 */
export async function pullMedia(input: PullInput) {
  const signal = AbortSignal.any([input.signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]);
  const file = createWriteStream(input.path);
  let total = 0;
  const counter = () =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        total += chunk.length;
        if (total > input.maxBytes) return done(new Error('media is larger than allowed'));
        input.onBytes(chunk.length);
        done(null, chunk);
      },
    });
  try {
    if (!input.inRanges) {
      const response = await get(input.url, signal);
      if (response.status < 200 || response.status >= 300)
        throw new Error(`media URL answered HTTP ${response.status}`);
      return await pipeline(body(response), counter(), file, { signal });
    }
    for (let first = 0, size = Number.POSITIVE_INFINITY; first < size; first += RANGE_BYTES) {
      const response = await get(input.url, signal, `bytes=${first}-${first + RANGE_BYTES - 1}`);
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
      if (response.status !== 206 || !range || Number(range[1]) !== first) {
        await response.body?.cancel();
        throw new Error(`media URL answered a ranged GET with HTTP ${response.status}`);
      }
      size = Number(range[3]);
      await pipeline(body(response), counter(), file as WriteStream, { signal, end: false });
    }
  } finally {
    file.end();
  }
}

async function get(url: string, signal: AbortSignal, range?: string) {
  const response = await fetch(url, { redirect: 'manual', signal, headers: range ? { range } : {} });
  if (!response.body) throw new Error(`media URL answered HTTP ${response.status} without a body`);
  return response;
}

function body(response: Response) {
  return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
}
