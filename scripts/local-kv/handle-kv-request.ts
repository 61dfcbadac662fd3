import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KV_BACKEND_HEADER as BACKEND_HEADER } from '../../lib/kv/kv-backend-header';
import { encodeReply } from './encode-reply';
import { errorMessage, type KvBackend, type KvResult } from './kv-backend';
import { parseKvRequest } from './parse-kv-request';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

type HandlerOptions = { backend: KvBackend; token: string };

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Upstash takes the token as a bearer header or as `_token` in the query string. */
function presentedToken(req: IncomingMessage, url: URL): string {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  return bearer ?? url.searchParams.get('_token') ?? '';
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function wireResult(result: KvResult, base64: boolean) {
  return 'error' in result ? { error: result.error } : { result: encodeReply(result.result, base64) };
}

/** The HTTP side of the local endpoint: auth, routing, status codes and Upstash's JSON shapes. */
export function createKvRequestHandler({ backend, token }: HandlerOptions) {
  const expected = digest(token);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', [BACKEND_HEADER]: backend.kind });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // Hashing first makes the comparison constant-time whatever the presented length.
      if (!timingSafeEqual(digest(presentedToken(req, url)), expected)) {
        return send(401, { error: 'WRONGPASS invalid or missing auth token' });
      }
      const body = await readBody(req);
      if (body === null) return send(413, { error: 'ERR request body too large' });
      const parsed = parseKvRequest({ method: req.method ?? 'GET', url, body });
      if (!parsed.ok) return send(400, { error: parsed.error });

      const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
      const { request } = parsed;
      if (request.kind === 'single') {
        const result = await backend.run(request.command);
        return send('error' in result ? 400 : 200, wireResult(result, base64));
      }
      const results =
        request.kind === 'pipeline'
          ? await backend.pipeline(request.commands)
          : await backend.multiExec(request.commands);
      if (!Array.isArray(results)) return send(400, { error: results.error });
      return send(
        200,
        results.map((result) => wireResult(result, base64)),
      );
    } catch (error) {
      if (!res.headersSent) send(500, { error: `ERR kv backend failed: ${errorMessage(error)}` });
    }
  };
}
