import 'server-only';
import type { z } from 'zod';
import { TikTokApiError, type TikTokSurface } from './tiktok-api-error';

/** Parses a success body with zod; a shape we do not understand is TikTok's bug or ours, never retried. */
export function parseOrThrow<S extends z.ZodType>(
  surface: TikTokSurface,
  schema: S,
  value: unknown,
  status: number,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new TikTokApiError({
    surface,
    status,
    code: 'invalid_response',
    // Field paths only: zod's messages could echo values, and values may be tokens.
    message: `Unexpected response shape at ${first?.path.join('.') || '(root)'}`,
    retryable: false,
    // A 2xx we cannot read may still have done what was asked (a publish init did publish).
    outcomeUnknown: status < 400 || status >= 500,
  });
}
