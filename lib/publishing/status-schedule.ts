/**
 * When to look at a processing post again. TikTok documents no upper bound (moderation "sometimes
 * hours"), so polling is fast while a result is likely, slow after, and ends: a post still not final
 * after a day is "unconfirmed — check the TikTok app", never polled forever. Webhooks usually end
 * the wait long before any poll. Pure.
 */
export const STATUS_SCHEDULE = {
  fastForMs: 30 * 60_000,
  fastEveryMs: 10_000,
  slowEveryMs: 10 * 60_000,
  giveUpAfterMs: 24 * 3600_000,
};

/** Milliseconds until the next check, or null when it is time to stop (unconfirmed). */
export function nextStatusCheckInMs(elapsedMs: number, schedule = STATUS_SCHEDULE): number | null {
  if (elapsedMs >= schedule.giveUpAfterMs) return null;
  const every = elapsedMs < schedule.fastForMs ? schedule.fastEveryMs : schedule.slowEveryMs;
  return Math.max(1, Math.min(every, schedule.giveUpAfterMs - elapsedMs));
}
