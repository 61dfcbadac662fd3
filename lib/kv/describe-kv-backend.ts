import 'server-only';
import { KV_BACKEND_HEADER } from './kv-backend-header';

export type KvBackendMode = 'embedded' | 'local-redis' | 'upstash';

export type KvBackendDescription = {
  ok: boolean;
  mode: KvBackendMode;
  latencyMs: number;
  error?: string;
};

export type DescribeKvBackendOptions = { url: string; token: string; timeoutMs?: number };

function modeFrom(headers: Headers): KvBackendMode {
  const backend = headers.get(KV_BACKEND_HEADER);
  if (backend === 'memory') return 'embedded';
  if (backend === 'redis') return 'local-redis';
  return 'upstash';
}

/** PINGs the REST endpoint for `/api/health`. Never throws; the token never appears in `error`. */
export async function describeKvBackend({
  url,
  token,
  timeoutMs = 2000,
}: DescribeKvBackendOptions): Promise<KvBackendDescription> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url.replace(/\/+$/, ''), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(['PING']),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    const mode = modeFrom(response.headers);
    const body = (await response.json().catch(() => ({}))) as { result?: unknown; error?: unknown };
    if (!response.ok || body.result !== 'PONG') {
      const reason = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
      return { ok: false, mode, latencyMs: elapsed(), error: reason };
    }
    return { ok: true, mode, latencyMs: elapsed() };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'request failed';
    return { ok: false, mode: 'upstash', latencyMs: elapsed(), error: reason };
  }
}
