import 'server-only';
import { Readable } from 'node:stream';
import { AppError } from '@/lib/errors/app-error';
import { parseRangeHeader } from './byte-range';
import { ObjectNotFoundError, type ObjectStorage, RangeNotSatisfiableError } from './object-storage';

export type ObjectResponseOptions = {
  storage: ObjectStorage;
  request: Request;
  /** What our records say about the object: no round trip to the store before streaming. */
  object: {
    key: string;
    size: number;
    etag: string;
    contentType: string;
    fileName: string;
    updatedAt?: Date;
  };
  disposition: 'inline' | 'attachment';
  cacheControl: string;
  /** `same-origin` keeps other sites from embedding a signed-in member's media. */
  crossOriginResourcePolicy: 'same-origin' | 'cross-origin';
};

/**
 * Streams a stored object as an HTTP response: `Range` (206/416), `If-None-Match` (304),
 * `If-Range`, HEAD, and headers that stop browsers from treating uploads as pages.
 */
export async function objectResponse(options: ObjectResponseOptions): Promise<Response> {
  const { storage, request, object } = options;
  const etag = `"${object.etag}"`;
  const headers = new Headers({
    'accept-ranges': 'bytes',
    'cache-control': options.cacheControl,
    'content-disposition': contentDisposition(options.disposition, object.fileName),
    'content-type': object.contentType,
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': options.crossOriginResourcePolicy,
    etag,
    'x-content-type-options': 'nosniff',
  });
  if (object.updatedAt) headers.set('last-modified', object.updatedAt.toUTCString());

  if (etagMatches(request.headers.get('if-none-match'), etag))
    return new Response(null, { status: 304, headers });

  const ifRange = request.headers.get('if-range');
  const rangeHeader = ifRange && ifRange !== etag ? null : request.headers.get('range');
  const wanted = parseRangeHeader(rangeHeader, object.size);
  if (wanted.kind === 'unsatisfiable') return unsatisfiable(headers, object.size);
  const range = wanted.kind === 'partial' ? wanted.range : null;
  const length = range ? range.end - range.start + 1 : object.size;
  headers.set('content-length', String(length));
  if (range) headers.set('content-range', `bytes ${range.start}-${range.end}/${object.size}`);
  const status = range ? 206 : 200;
  if (request.method === 'HEAD') return new Response(null, { status, headers });

  try {
    const result = await storage.get(object.key, { ...(range ? { range } : {}), signal: request.signal });
    const body = Readable.toWeb(result.body) as ReadableStream<Uint8Array>;
    return new Response(body, { status, headers });
  } catch (error) {
    if (error instanceof RangeNotSatisfiableError) return unsatisfiable(headers, error.size);
    if (error instanceof ObjectNotFoundError) {
      throw new AppError({ code: 'not_found', message: 'This file does not exist.', cause: error });
    }
    throw error;
  }
}

function unsatisfiable(headers: Headers, size: number): Response {
  headers.set('content-range', `bytes */${size}`);
  headers.delete('content-disposition');
  return new Response(null, { status: 416, headers });
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * `inline`/`attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266, 8187):
 * quotes, backslashes and control characters never reach the header.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_').slice(0, 150) || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
