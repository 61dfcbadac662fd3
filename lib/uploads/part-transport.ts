import { UploadError } from './upload-error';

export type PartRequest = {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  body: Blob;
  signal: AbortSignal;
  /** Bytes of this part sent so far. */
  onProgress: (sentBytes: number) => void;
};

/** Sends one part and returns the ETag the store answered with. */
export type PartTransport = (request: PartRequest) => Promise<{ etag: string }>;

const MISSING_ETAG =
  'The storage did not expose the ETag header to the browser. Its CORS rules must list ETag under ExposeHeaders (see README, "Bucket CORS").';

/** XMLHttpRequest: the only browser API that reports upload progress within a request. */
export const xhrTransport: PartTransport = (request) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => request.onProgress(event.loaded);
    const abort = () => xhr.abort();
    request.signal.addEventListener('abort', abort, { once: true });
    const settle = () => request.signal.removeEventListener('abort', abort);
    xhr.onload = () => {
      settle();
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new UploadError('server', `The part was refused (HTTP ${xhr.status}).`, xhr.status));
        return;
      }
      const etag = unquoteEtag(xhr.getResponseHeader('etag'));
      if (!etag) reject(new UploadError('rejected', MISSING_ETAG));
      else resolve({ etag });
    };
    xhr.onerror = () => {
      settle();
      reject(new UploadError('network', 'The connection dropped while sending a part.'));
    };
    xhr.onabort = () => {
      settle();
      reject(new UploadError('aborted', 'The upload was paused.'));
    };
    xhr.send(request.body);
  });

/** fetch: for runtimes without XMLHttpRequest (tests, workers); progress jumps per part. */
export function fetchTransport(fetchImpl: typeof fetch = fetch): PartTransport {
  return async (request) => {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        // Node's fetch needs this for a streamed body; browsers ignore it for a Blob.
        duplex: 'half',
      } as RequestInit);
    } catch (error) {
      if (request.signal.aborted) throw new UploadError('aborted', 'The upload was paused.');
      throw new UploadError('network', 'The connection dropped while sending a part.', undefined, {
        cause: error,
      });
    }
    await response.body?.cancel();
    if (!response.ok)
      throw new UploadError('server', `The part was refused (HTTP ${response.status}).`, response.status);
    const etag = unquoteEtag(response.headers.get('etag'));
    if (!etag) throw new UploadError('rejected', MISSING_ETAG);
    request.onProgress(request.body.size);
    return { etag };
  };
}

export function defaultTransport(fetchImpl?: typeof fetch): PartTransport {
  return typeof XMLHttpRequest === 'undefined' ? fetchTransport(fetchImpl) : xhrTransport;
}

function unquoteEtag(header: string | null): string | null {
  const value = header?.replace(/^W\//, '').replace(/^"|"$/g, '').trim();
  return value ? value : null;
}
