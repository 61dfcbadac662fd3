import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';
import { parseOrThrow } from './invalid-response';
import { TikTokApiError } from './tiktok-api-error';
import { tiktokRequest } from './tiktok-request';
import type { RetryPolicy } from './with-retry';

/** The v2 envelope: `{data, error: {code, message, log_id}}`, `code: "ok"` on success. */
const envelopeSchema = z.object({
  data: z.unknown().optional(),
  error: z.object({
    code: z.string(),
    message: z.string().default(''),
    log_id: z.string().optional(),
  }),
});

/** Codes where the same request may succeed later; rate limits are paced instead (lib/tiktok/pacing). */
const RETRYABLE = new Set(['internal_error']);

export type OpenApiRequestOptions<S extends z.ZodType> = {
  surface: 'display' | 'content-posting';
  method: 'GET' | 'POST';
  /** As TikTok spells it, trailing slash included: `/v2/user/info/`. */
  path: string;
  accessToken: string;
  /** `fields` and other query parameters (for POSTs too: v2 takes `fields` in the query). */
  query?: Record<string, string>;
  /** JSON body of a POST. */
  json?: unknown;
  /** Schema of `data` on success. */
  data: S;
  /** Reads pass `DEFAULT_RETRY`; anything that changes state at TikTok leaves it unset. */
  retry?: RetryPolicy;
  signal?: AbortSignal;
  timeoutMs?: number;
};

/**
 * One call to open.tiktokapis.com/v2 with `Authorization: Bearer`, for Display and Content
 * Posting alike. Success and failure are read from the envelope, never from the status alone:
 * creator_info answers `spam_risk_*` with HTTP 200. The result is `data` parsed with `data`'s
 * schema; failures are `TikTokApiError`s carrying TikTok's code and log_id.
 */
export function openApiRequest<S extends z.ZodType>(options: OpenApiRequestOptions<S>): Promise<z.output<S>> {
  const { surface, method, path, accessToken, query, json, data, retry, signal, timeoutMs } = options;
  const url = new URL(path, env.TIKTOK_OPEN_API_BASE_URL);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  return tiktokRequest({
    surface,
    method,
    url,
    pace: { host: 'open-api', path, accessToken },
    headers: { authorization: `Bearer ${accessToken}` },
    body: method === 'POST' ? { json: json ?? {} } : undefined,
    retry,
    signal,
    timeoutMs,
    decode: ({ status, json: body }): z.output<S> => {
      const envelope = envelopeSchema.safeParse(body);
      if (!envelope.success) {
        throw new TikTokApiError({
          surface,
          status,
          code: `http_${status}`,
          message: `HTTP ${status} without the v2 envelope`,
          retryable: status >= 500,
          rateLimit: status === 429 ? 'token' : undefined,
          outcomeUnknown: status < 400 || status >= 500,
        });
      }
      const { code, message, log_id: logId } = envelope.data.error;
      if (code !== 'ok') {
        throw new TikTokApiError({
          surface,
          status,
          code,
          message,
          logId,
          retryable: RETRYABLE.has(code) || status >= 500,
          needsReconnect: code === 'access_token_invalid',
          rateLimit: code === 'rate_limit_exceeded' || status === 429 ? 'token' : undefined,
        });
      }
      return parseOrThrow(surface, data, envelope.data.data, status);
    },
  });
}
