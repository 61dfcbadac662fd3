import 'server-only';
import { z } from 'zod';
import { parseOrThrow } from './invalid-response';
import { TikTokApiError } from './tiktok-api-error';

const envelope = z.object({
  code: z.number(),
  message: z.string().default(''),
  request_id: z.string().optional(),
  data: z.unknown(),
});

/** Codes of `business-api.tiktok.com` worth retrying: system errors, maintenance. */
const RETRYABLE = new Set([50000, 50002, 60001]);
/** "Too many requests": app-level (40100, 40016) or per advertiser on one path (40133). Paced, not retried. */
const RATE_LIMITED = new Map<number, 'app' | 'advertiser'>([
  [40016, 'app'],
  [40100, 'app'],
  [40133, 'advertiser'],
]);
/** Expired, revoked or invalid access/refresh tokens: only a new authorization helps. */
const RECONNECT = new Set([40102, 40103, 40105, 40107]);

/**
 * Decoder for the v1.3 envelope `{code, message, request_id, data}` used by the Business and
 * Marketing APIs. TikTok answers errors there with HTTP 200 and a non-zero `code`, so the status
 * alone says nothing; a 4xx/5xx means the request never reached the API (wrong path, outage).
 */
export function decodeBusinessEnvelope<S extends z.ZodType>(surface: 'business' | 'marketing', data: S) {
  return ({ status, json }: { status: number; json: unknown }): z.output<S> => {
    const parsed = envelope.safeParse(json);
    if (!parsed.success || status >= 400) {
      throw new TikTokApiError({
        surface,
        status,
        code: parsed.success ? String(parsed.data.code) : `http_${status}`,
        message: parsed.success ? parsed.data.message : `HTTP ${status}`,
        retryable: status >= 500,
        rateLimit:
          (parsed.success ? RATE_LIMITED.get(parsed.data.code) : undefined) ??
          (status === 429 ? 'app' : undefined),
      });
    }
    const { code, message, request_id: logId } = parsed.data;
    if (code !== 0) {
      throw new TikTokApiError({
        surface,
        status,
        code: String(code),
        message,
        logId,
        retryable: RETRYABLE.has(code),
        needsReconnect: RECONNECT.has(code),
        rateLimit: RATE_LIMITED.get(code),
      });
    }
    return parseOrThrow(surface, data, parsed.data.data, status);
  };
}
