import 'server-only';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { parseOrThrow } from '@/lib/tiktok/http/invalid-response';
import { TikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { tiktokRequest } from '@/lib/tiktok/http/tiktok-request';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { v2EnvelopeSchema } from './schema';

const RETRYABLE = new Set(['rate_limit_exceeded', 'internal_error']);

export type OpenApiGetOptions<S extends z.ZodType> = {
  path: string;
  accessToken: string;
  query: Record<string, string>;
  data: S;
};

/**
 * GET on `open.tiktokapis.com/v2` with `Authorization: Bearer`. Reads are idempotent, so they are
 * retried on rate limits and 5xx. An `access_token_invalid` means the grant is gone or revoked.
 */
export function openApiGet<S extends z.ZodType>({ path, accessToken, query, data }: OpenApiGetOptions<S>) {
  const url = new URL(path, env.TIKTOK_OPEN_API_BASE_URL);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return tiktokRequest({
    surface: 'display',
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${accessToken}` },
    retry: DEFAULT_RETRY,
    decode: ({ status, json }): z.output<S> => {
      const envelope = v2EnvelopeSchema.safeParse(json);
      if (!envelope.success) {
        throw new TikTokApiError({
          surface: 'display',
          status,
          code: `http_${status}`,
          message: `HTTP ${status} without the v2 envelope`,
          retryable: status >= 500 || status === 429,
        });
      }
      const { code, message, log_id: logId } = envelope.data.error;
      if (code !== 'ok') {
        throw new TikTokApiError({
          surface: 'display',
          status,
          code,
          message,
          logId,
          retryable: RETRYABLE.has(code) || status >= 500,
          needsReconnect: code === 'access_token_invalid',
        });
      }
      return parseOrThrow('display', data, envelope.data.data, status);
    },
  });
}
