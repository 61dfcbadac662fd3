import { isTryLaterError } from '@/lib/errors/try-later-error';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { getAdvertiserInfo } from '@/lib/tiktok/marketing/get-advertiser-info';

export type HammerResult = {
  /** Calls TikTok (the sandbox) answered successfully. */
  ok: number;
  /** Calls TikTok refused for its rate limit (40100): the number that must stay 0. */
  rateLimited: number;
  /** Times our limiter asked the caller to come back later instead of sending. */
  snoozed: number;
};

/**
 * `concurrency` loops calling `advertiser/info/` through the real client (and so through the
 * shared limiter) until `durationMs` is over, snoozing on `TryLaterError` like a job would.
 */
export async function hammerAdvertiserInfo(input: {
  accessToken: string;
  advertiserId: string;
  durationMs: number;
  concurrency: number;
}): Promise<HammerResult> {
  const result: HammerResult = { ok: 0, rateLimited: 0, snoozed: 0 };
  const deadline = Date.now() + input.durationMs;
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (Date.now() < deadline) {
        try {
          await getAdvertiserInfo({ accessToken: input.accessToken, advertiserIds: [input.advertiserId] });
          result.ok++;
        } catch (error) {
          if (!isTryLaterError(error)) throw error;
          if (isTikTokApiError(error.cause)) result.rateLimited++;
          else result.snoozed++;
          await new Promise((resolve) =>
            setTimeout(resolve, Math.min(error.delayMs, Math.max(0, deadline - Date.now()))),
          );
        }
      }
    }),
  );
  return result;
}
