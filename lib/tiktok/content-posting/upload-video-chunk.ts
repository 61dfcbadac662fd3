import 'server-only';
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { paced } from '@/lib/tiktok/http/paced';
import { TikTokApiError, type TikTokApiErrorOptions } from '@/lib/tiktok/http/tiktok-api-error';

export type VideoContentType = 'video/mp4' | 'video/quicktime' | 'video/webm';

export type UploadVideoChunkOptions = {
  /** From the init call, used whole: its query string is the credential. Valid for one hour. */
  uploadUrl: string;
  /** Exactly the chunk's bytes, e.g. a ranged read from storage. Streamed, never buffered whole. */
  body: Readable;
  /** Inclusive byte positions of this chunk in the video, and the video's size. */
  firstByte: number;
  lastByte: number;
  totalBytes: number;
  contentType: VideoContentType;
  signal?: AbortSignal;
  /** Gives up when the connection is silent this long (default 60 s). */
  idleTimeoutMs?: number;
};

export type UploadChunkResult = {
  /** 201: TikTok holds every byte and starts processing; 206: more chunks expected. */
  complete: boolean;
  /** Bytes TikTok reports holding (its `Content-Range`), or up to this chunk when it sends none. */
  receivedBytes: number;
};

/**
 * A refused or failed chunk. `code` says what to do: `upload_range_mismatch` (416: resynchronise
 * from `receivedBytes` or status/fetch's `uploaded_bytes`), `upload_url_expired` (403: the hour is
 * over; start a new init, safe because an unfinished upload cannot publish), `upload_not_found`
 * (404), `upload_rejected` (400: headers or length wrong), `upload_server_error` (5xx, retryable:
 * send the chunk again), `timeout` / `network_error` (retryable; resynchronise first).
 */
export class UploadChunkError extends TikTokApiError {
  readonly receivedBytes: number | null;

  constructor(options: TikTokApiErrorOptions & { receivedBytes?: number | null }) {
    super(options);
    this.name = 'UploadChunkError';
    this.receivedBytes = options.receivedBytes ?? null;
  }
}

const CODES: Record<number, string> = {
  400: 'upload_rejected',
  403: 'upload_url_expired',
  404: 'upload_not_found',
  416: 'upload_range_mismatch',
  429: 'rate_limit_exceeded',
};

/**
 * `PUT <upload_url>` of one chunk with `Content-Range: bytes first-last/total`. The body is piped
 * straight from `body` to the socket with backpressure, so memory holds at most a few stream
 * buffers of the chunk, never the chunk. No automatic retry: the caller decides from the error
 * (and re-reads the chunk from storage). Paced like every TikTok request (the upload host has no
 * documented limit; a 429 becomes `TryLaterError`).
 */
export async function uploadVideoChunk(options: UploadVideoChunkOptions): Promise<UploadChunkResult> {
  const { firstByte, lastByte, totalBytes } = options;
  if (!(firstByte >= 0 && lastByte >= firstByte && lastByte < totalBytes)) {
    throw new RangeError(`bytes ${firstByte}-${lastByte}/${totalBytes} is not a chunk of the video`);
  }
  return paced({ host: 'upload' }, options.signal, () => put(options));
}

async function put(options: UploadVideoChunkOptions): Promise<UploadChunkResult> {
  const { uploadUrl, body, firstByte, lastByte, totalBytes, contentType, signal } = options;
  const url = new URL(uploadUrl);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = request(url, {
    method: 'PUT',
    headers: {
      'content-type': contentType,
      'content-length': String(lastByte - firstByte + 1),
      'content-range': `bytes ${firstByte}-${lastByte}/${totalBytes}`,
    },
    timeout: options.idleTimeoutMs ?? 60_000,
    signal,
  });
  req.on('timeout', () => req.destroy(Object.assign(new Error('upload timed out'), { code: 'ETIMEDOUT' })));
  const answered = once(req, 'response') as Promise<[IncomingMessage]>;
  // Whichever side fails first is the cause; pipeline then destroys the other with the same error.
  let bodyError: unknown;
  let requestFailed = false;
  body.once('error', (error) => {
    if (!requestFailed) bodyError = error;
  });
  req.once('error', () => {
    if (bodyError === undefined) requestFailed = true;
  });
  // The host may answer (416, 403) before reading the whole chunk: its answer wins over the broken pipe.
  const sent = pipeline(body, req).catch(() => undefined);

  let response: IncomingMessage;
  try {
    [response] = await answered;
  } catch (error) {
    await sent;
    if (signal?.aborted) throw signal.reason;
    // A storage read that failed is not TikTok's doing: surface it as it is.
    if (bodyError) throw bodyError;
    const timedOut = (error as { code?: string }).code === 'ETIMEDOUT';
    throw new UploadChunkError({
      surface: 'content-posting',
      status: 0,
      code: timedOut ? 'timeout' : 'network_error',
      message: `PUT ${url.pathname} ${timedOut ? 'timed out' : 'failed before TikTok answered'}`,
      retryable: true,
      outcomeUnknown: true,
    });
  }
  const status = response.statusCode ?? 0;
  if (status !== 201 && status !== 206) body.destroy();
  const text = await readSmallBody(response);
  const receivedBytes = parseReceived(response.headers['content-range']);
  if (status === 201 || status === 206) {
    await sent;
    return { complete: status === 201, receivedBytes: receivedBytes ?? lastByte + 1 };
  }
  throw new UploadChunkError({
    surface: 'content-posting',
    status,
    code: CODES[status] ?? (status >= 500 ? 'upload_server_error' : `http_${status}`),
    message: `PUT ${url.pathname} answered ${status}${text ? `: ${text}` : ''}`,
    retryable: status >= 500,
    rateLimit: status === 429 ? 'token' : undefined,
    receivedBytes,
  });
}

/** The upload host answers in plain text or JSON; a short excerpt helps, the rest is discarded. */
async function readSmallBody(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) {
    if (text.length < 300) text += (chunk as Buffer).toString('utf8');
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** `bytes 0-<last>/<total>` → last + 1 bytes held. */
function parseReceived(header: string | undefined): number | null {
  const match = /^bytes\s+\d+-(\d+)\/\d+$/.exec(header ?? '');
  return match ? Number(match[1]) + 1 : null;
}
