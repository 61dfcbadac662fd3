import { DAY_MS, seededUnit } from './seeded-number';

/**
 * How an account's totals move with sandbox time: a deterministic, monotonic curve of whole days
 * since the user was created (negative days are the account's past, for history endpoints), so
 * reports see totals that grow day by day under time travel and agree on every call.
 */
export function growthOn(seed: string, base: number, day: number): number {
  // About 0.05–0.25 % of the starting total a day, at least one, with a slower-than-linear wobble.
  const rate = Math.max(1, Math.round(base * (0.0005 + 0.002 * seededUnit(seed, 'rate'))));
  const wobble = rate * (0.2 + 0.6 * seededUnit(seed, 'wobble'));
  const delta = Math.floor(rate * day + wobble * Math.sign(day) * Math.abs(day) ** 0.75);
  return Math.max(0, base + delta);
}

/** Whole sandbox days between the user's creation and `nowMs`. */
export function daysSince(createdAtMs: number, nowMs: number): number {
  return Math.floor((nowMs - createdAtMs) / DAY_MS);
}

/** Followers now: every account kind follows the same curve from its starting count. */
export function followerCount(
  user: { id: string; createdAtMs: number; stats: { followers: number } },
  nowMs: number,
) {
  return growthOn(`${user.id}:followers`, user.stats.followers, daysSince(user.createdAtMs, nowMs));
}
