import 'server-only';
import { TikTokApiError, type TikTokSurface } from './tiktok-api-error';
import { NO_RETRY, type RetryPolicy, withRetry } from './with-retry';

export type TikTokRequestOptions<T> = {
  surface: TikTokSurface;
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  /** Form bodies for Login Kit OAuth, JSON bodies everywhere else. */
  body?: { form: Record<string, string> } | { json: unknown };
  /** Turns status + parsed JSON into the result, or throws a `TikTokApiError`. */
  decode: (response: { status: number; json: unknown }) => T;
  /** Only for calls that are safe to repeat; the default is a single attempt. */
  retry?: RetryPolicy;
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One HTTP call to TikTok with a timeout, JSON parsing and the surface's decoder. Transport
 * failures become retryable `TikTokApiError`s whose message names the endpoint path only: the query
 * string and the body may hold secrets, so they never reach an error message.
 */
export function tiktokRequest<T>(options: TikTokRequestOptions<T>): Promise<T> {
  return withRetry(options.retry ?? NO_RETRY, () => send(options));
}

async function send<T>(options: TikTokRequestOptions<T>) {
  const { surface, method, url, headers, body, decode, timeoutMs, retry } = options;
  const timeout = AbortSignal.timeout(timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const init: RequestInit = {
    method,
    headers: { accept: 'application/json', ...headers },
    // The caller's deadline (retry.signal) cuts an attempt short like its own timeout does.
    signal: retry?.signal ? AbortSignal.any([timeout, retry.signal]) : timeout,
    cache: 'no-store',
  };
  if (body && 'form' in body) {
    init.body = new URLSearchParams(body.form);
    (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
  } else if (body) {
    init.body = JSON.stringify(body.json);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, init);
    // Inside the try: the timeout (or deadline) may fire while the body is still arriving.
    text = await response.text();
  } catch (error) {
    const timedOut =
      error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new TikTokApiError({
      surface,
      status: 0,
      code: timedOut ? 'timeout' : 'network_error',
      message: `${method} ${url.pathname} ${timedOut ? 'timed out' : 'could not reach TikTok'}`,
      retryable: true,
    });
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new TikTokApiError({
      surface,
      status: response.status,
      code: 'invalid_response',
      message: `${method} ${url.pathname} answered ${response.status} with a body that is not JSON`,
      retryable: response.status >= 500 || response.status === 429,
    });
  }
  return decode({ status: response.status, json });
}
