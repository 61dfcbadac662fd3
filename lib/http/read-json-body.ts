import { AppError } from '@/lib/errors/app-error';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as bytes, refusing it once it passes `maxBytes` (without buffering the rest). */
export async function readRawBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The request body as a stream for routes that take raw bytes (an upload part): a declared
 * Content-Length over `maxBytes` is refused before reading, and the stream errors with the same
 * 413 as soon as more than `maxBytes` arrive, so nothing past the limit is ever consumed.
 */
export function limitedBodyStream(request: Request, maxBytes: number): ReadableStream<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  let size = 0;
  const limiter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > maxBytes) controller.error(tooLarge(maxBytes));
      else controller.enqueue(chunk);
    },
  });
  return request.body ? request.body.pipeThrough(limiter) : new Blob([]).stream();
}

/** Reads a request body as UTF-8 text, with the same limit. */
export async function readTextBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  return (await readRawBody(request, maxBytes)).toString('utf8');
}

export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
  }
}

function tooLarge(maxBytes: number) {
  const size =
    maxBytes >= 1024 * 1024
      ? `${Math.round(maxBytes / 1024 / 1024)} MB`
      : `${Math.round(maxBytes / 1024)} KB`;
  return new AppError({ code: 'payload_too_large', message: `The request body is larger than ${size}.` });
}
