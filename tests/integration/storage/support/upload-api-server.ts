import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import type { Db } from '@/lib/db/types';
import { toAppError } from '@/lib/errors/to-app-error';
import { abortUpload } from '@/lib/media/abort-upload';
import { completeUpload } from '@/lib/media/complete-upload';
import { createUpload } from '@/lib/media/create-upload';
import { getUpload } from '@/lib/media/get-upload';
import { presignUploadParts } from '@/lib/media/presign-upload-parts';
import { recordUploadPart } from '@/lib/media/record-upload-part';
import { uploadPart } from '@/lib/media/upload-part';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { createUploadBody, partUrlsBody, recordPartBody } from '@/lib/uploads/upload-protocol';

export type UploadApiServer = { url: string; close: () => Promise<void> };

/**
 * The upload protocol's routes over plain HTTP for tests: the same zod schemas and use cases as
 * app/api/uploads, with the session replaced by a `cookie: user=<id>` and the workspace by
 * `x-workspace-id`. Lets the browser client run in Node against both storage adapters.
 */
export async function startUploadApiServer(db: Db, storage: ObjectStorage): Promise<UploadApiServer> {
  const server = createServer((req, res) => {
    handle(db, storage, req, res).catch((error: unknown) => {
      const appError = toAppError(error);
      if (appError.status >= 500) console.error('[upload-api-server]', error);
      send(res, appError.status, { error: { code: appError.code, message: appError.message } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(db: Db, storage: ObjectStorage, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://test');
  const userId = /user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!userId)
    return send(res, 401, { error: { code: 'unauthenticated', message: 'Please sign in to continue.' } });
  const json = async () => JSON.parse((await text(req)) || '{}') as unknown;
  const route = `${req.method} ${url.pathname}`;

  if (route === 'POST /api/uploads') {
    const body = createUploadBody.parse(await json());
    const workspaceId = String(req.headers['x-workspace-id']);
    return send(res, 201, { upload: await createUpload(db, storage, { ...body, workspaceId, userId }) });
  }
  const match = /^\/api\/uploads\/([^/]+)(\/part-urls|\/parts|\/parts\/(\d+)|\/complete)?$/.exec(
    url.pathname,
  );
  if (!match) return send(res, 404, { error: { code: 'not_found', message: 'No such route.' } });
  const uploadId = decodeURIComponent(match[1]!);
  const tail = match[2] ?? '';
  if (req.method === 'GET' && tail === '')
    return send(res, 200, { upload: await getUpload(db, storage, { uploadId, userId }) });
  if (req.method === 'DELETE' && tail === '') {
    await abortUpload(db, storage, { uploadId, userId });
    return send(res, 200, { ok: true });
  }
  if (req.method === 'POST' && tail === '/part-urls') {
    const { partNumbers } = partUrlsBody.parse(await json());
    return send(res, 200, {
      parts: await presignUploadParts(db, storage, { uploadId, userId, partNumbers }),
    });
  }
  if (req.method === 'POST' && tail === '/parts') {
    const part = recordPartBody.parse(await json());
    return send(res, 200, { part: await recordUploadPart(db, storage, { uploadId, userId, ...part }) });
  }
  if (req.method === 'PUT' && match[3]) {
    const declared = req.headers['content-length'];
    const part = await uploadPart(db, storage, {
      uploadId,
      userId,
      partNumber: Number(match[3]),
      body: req,
      declaredLength: declared === undefined ? null : Number(declared),
    });
    res.setHeader('etag', `"${part.etag}"`);
    return send(res, 200, { part });
  }
  if (req.method === 'POST' && tail === '/complete') {
    return send(res, 200, { media: await completeUpload(db, storage, { uploadId, userId }) });
  }
  return send(res, 405, { error: { code: 'bad_request', message: 'Method not allowed.' } });
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A fetch that signs requests to the test server in as `userId`. */
export function fetchAs(userId: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', `user=${userId}`);
    return fetch(input, { ...init, headers });
  };
}
