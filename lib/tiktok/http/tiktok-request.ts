import 'server-only';
import type { PaceTarget } from '@/lib/tiktok/pacing/pace-target';
import { paced, parseRetryAfter } from './paced';
import { TikTokApiError, type TikTokSurface } from './tiktok-api-error';
import { parseTikTokJson } from './tiktok-json';
import { NO_RETRY, type RetryPolicy, withRetry } from './with-retry';

export type TikTokRequestOptions<T> = {
  surface: TikTokSurface;
  method: 'GET' | 'POST';
  url: URL;
  /** The rate-limit buckets this request spends (lib/tiktok/pacing); there is no unpaced request. */
  pace: PaceTarget;
  headers?: Record<string, string>;
  /** Form bodies for Login Kit OAuth, multipart for DM image uploads, JSON bodies everywhere else. */
  body?: { form: Record<string, string> } | { json: unknown } | { multipart: FormData };
  /** Turns status + parsed JSON into the result, or throws a `TikTokApiError`. */
  decode: (response: { status: number; json: unknown }) => T;
  /** Only for calls that are safe to repeat; the default is a single attempt. */
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** The caller's cancellation (a job's signal): ends a wait for capacity and the request in flight. */
  signal?: AbortSignal;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One HTTP call to TikTok: paced, with a timeout, lossless JSON parsing (64-bit ids stay exact) and
 * the surface's decoder; retried only when `retry` says so, each attempt paced again. Transport
 * failures become retryable `TikTokApiError`s whose message names the endpoint path only: the query
 * string and the body may hold secrets, so they never reach an error message.
 */
export function tiktokRequest<T>(options: TikTokRequestOptions<T>): Promise<T> {
  return withRetry(options.retry ?? NO_RETRY, () =>
    paced(options.pace, options.signal, async () => {
      const { status, json, retryAfterMs } = await send(options);
      try {
        return options.decode({ status, json });
      } catch (error) {
        // Decoders do not see headers: a Retry-After belongs on whatever they threw.
        if (error instanceof TikTokApiError) error.retryAfterMs ??= retryAfterMs;
        throw error;
      }
    }),
  );
}

/** Errors a connection attempt fails with before any byte of the request left: nothing happened. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

async function send<T>({
  surface,
  method,
  url,
  headers,
  body,
  timeoutMs,
  signal,
  retry,
}: TikTokRequestOptions<T>) {
  const timeout = AbortSignal.timeout(timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const init: RequestInit = {
    method,
    headers: { accept: 'application/json', ...headers },
    // The caller's signal and its retry deadline (retry.signal) cut an attempt short like the timeout.
    signal: AbortSignal.any([timeout, ...(signal ? [signal] : []), ...(retry?.signal ? [retry.signal] : [])]),
    cache: 'no-store',
  };
  if (body && 'form' in body) {
    init.body = new URLSearchParams(body.form);
    (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
  } else if (body && 'multipart' in body) {
    // fetch writes the boundary into content-type itself.
    init.body = body.multipart;
  } else if (body) {
    init.body = JSON.stringify(body.json);
    (init.headers as Record<string, string>)['content-type'] = 'application/json; charset=UTF-8';
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, init);
    // Inside the try: the timeout (or deadline) may fire while the body is still arriving.
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const timedOut =
      error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new TikTokApiError({
      surface,
      status: 0,
      code: timedOut ? 'timeout' : 'network_error',
      message: `${method} ${url.pathname} ${timedOut ? 'timed out' : 'could not reach TikTok'}`,
      retryable: true,
      outcomeUnknown: timedOut || !NOT_SENT.has(code ?? ''),
    });
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  let json: unknown = null;
  try {
    json = text ? parseTikTokJson(text) : {};
  } catch {
    throw new TikTokApiError({
      surface,
      status: response.status,
      code: 'invalid_response',
      message: `${method} ${url.pathname} answered ${response.status} with a body that is not JSON`,
      retryable: response.status >= 500 || response.status === 429,
      retryAfterMs,
      outcomeUnknown: response.status < 400 || response.status >= 500,
    });
  }
  return { status: response.status, json, retryAfterMs };
}
