import { UploadError } from './upload-error';
import {
  type CreateUploadBody,
  type PartTarget,
  UPLOAD_ROUTES,
  type UploadedMedia,
  type UploadSession,
} from './upload-protocol';

export type UploadApiOptions = {
  /** Where the app is; default the page's origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Sent as X-Workspace-Id when starting an upload. */
  workspaceId?: string;
  signal?: AbortSignal;
};

/** The JSON half of the protocol (upload-protocol.ts), with the server's messages kept. */
export function createUploadApi(options: UploadApiOptions) {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const baseUrl = options.baseUrl ?? globalThis.location?.origin ?? 'http://localhost';

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(new URL(path, baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.workspaceId && path === UPLOAD_ROUTES.create
            ? { 'x-workspace-id': options.workspaceId }
            : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (options.signal?.aborted) throw new UploadError('aborted', 'The upload was paused.');
      throw new UploadError('network', 'Tokdesk could not be reached.', undefined, { cause: error });
    }
    const payload = (await response.json().catch(() => null)) as
      | (T & { error?: { code?: string; message?: string } })
      | null;
    if (response.ok && payload) return payload;
    const message = payload?.error?.message ?? `The upload failed (HTTP ${response.status}).`;
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new UploadError(retryable ? 'server' : 'rejected', message, response.status);
  }

  return {
    create: async (body: CreateUploadBody) =>
      (await call<{ upload: UploadSession }>('POST', UPLOAD_ROUTES.create, body)).upload,
    get: async (id: string) =>
      (await call<{ upload: UploadSession }>('GET', UPLOAD_ROUTES.session(id))).upload,
    partUrls: async (id: string, partNumbers: number[]) =>
      (await call<{ parts: PartTarget[] }>('POST', UPLOAD_ROUTES.partUrls(id), { partNumbers })).parts,
    recordPart: async (id: string, part: { partNumber: number; etag: string }) => {
      await call('POST', UPLOAD_ROUTES.parts(id), part);
    },
    complete: async (id: string) =>
      (await call<{ media: UploadedMedia }>('POST', UPLOAD_ROUTES.complete(id))).media,
    abort: async (id: string) => {
      await call('DELETE', UPLOAD_ROUTES.session(id));
    },
    /** Part URLs may be relative (our own part route): resolve them against the app. */
    resolve: (url: string) => new URL(url, baseUrl).toString(),
  };
}

export type UploadApi = ReturnType<typeof createUploadApi>;
