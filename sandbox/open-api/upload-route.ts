import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SandboxContext } from '../core/context';
import type { Router } from '../core/router';
import { publishMachine } from './publish-machine';
import { type PublishRecord, publishStore } from './publish-store';

const VIDEO_TYPES = new Set(['video/mp4', 'video/quicktime', 'video/webm']);

/**
 * PUT `upload_url`: the upload host. Chunks arrive in order with `Content-Range`; 206 until the
 * last one, then 201. The URL is pre-signed, so no bearer token is checked here.
 */
export function registerUploadRoute(router: Router, ctx: SandboxContext) {
  router.add('PUT', '/upload', { endpoint: 'upload.chunk', surface: 'upload' }, async ({ req, res, url }) => {
    const record = publishStore(ctx).byUpload(url.searchParams.get('upload_id') ?? '');
    const refuse = (status: number, message: string) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(message);
    };
    if (!record?.uploadToken || record.uploadToken !== url.searchParams.get('upload_token')) {
      return refuse(404, 'No such upload task.');
    }
    if (ctx.clock.nowMs() > record.uploadExpiresAtMs) return refuse(403, 'The upload URL has expired.');
    if (record.status === 'FAILED') return refuse(404, 'The upload task is no longer active.');
    const mime = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!VIDEO_TYPES.has(mime))
      return refuse(400, 'Content-Type must be video/mp4, video/quicktime or video/webm.');
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    if (!range) return refuse(400, 'Content-Range must be "bytes {first}-{last}/{total}".');
    const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (total !== record.videoSize || last < first)
      return refuse(400, 'Content-Range does not describe this video.');
    const expectedLast = expectedChunkEnd(record, first);
    if (first !== record.uploadedBytes || last !== expectedLast) {
      return refuse(416, `Expected the chunk starting at byte ${record.uploadedBytes}.`);
    }
    const length = last - first + 1;
    if (Number(req.headers['content-length']) !== length)
      return refuse(400, 'Content-Length does not match Content-Range.');
    const received = await writeChunk(req, record.filePath ?? '', first, length).catch(() => -1);
    if (received !== length) return refuse(400, 'The chunk body does not match Content-Length.');
    record.uploadedBytes += length;
    ctx.markDirty();
    const done = record.uploadedBytes === record.videoSize;
    sendProgress(res, done ? 201 : 206, record);
    if (done && record.filePath) void publishMachine(ctx).bytesReceived(record, [record.filePath]);
  });
}

/** Chunk i covers [i·chunk_size, (i+1)·chunk_size); the last one takes the remainder. */
function expectedChunkEnd(record: PublishRecord, first: number): number {
  const index = Math.floor(first / record.chunkSize);
  return index >= record.totalChunkCount - 1 ? record.videoSize - 1 : first + record.chunkSize - 1;
}

/** Streams the chunk to its place in the file; returns the byte count, or -1 when it overflows. */
async function writeChunk(
  req: IncomingMessage,
  path: string,
  start: number,
  length: number,
): Promise<number> {
  let count = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      done(count > length ? new Error('chunk longer than Content-Length') : null, chunk);
    },
  });
  await pipeline(req, counter, createWriteStream(path, { flags: 'r+', start }));
  return count;
}

/** Progress as an inclusive HTTP byte range: `bytes 0-<last byte received>/<total>`. */
function sendProgress(res: ServerResponse, status: number, record: PublishRecord) {
  res.writeHead(status, {
    'content-range': `bytes 0-${record.uploadedBytes - 1}/${record.videoSize}`,
    'content-type': 'text/plain; charset=utf-8',
  });
  res.end();
}
