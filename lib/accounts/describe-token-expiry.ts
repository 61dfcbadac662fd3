import { addDays, formatDistanceStrict, isAfter } from 'date-fns';
import type { TikTokAccountKind, TikTokAccountStatus } from '@/lib/db/schema';
import { formatDaysLeft } from '@/lib/time/format-dates';

/** From this close on, the dashboard asks for a reconnect and the keep-alive starts warning. */
export const REFRESH_WARNING_WINDOW_DAYS = 14;

export type TokenExpiryInput = {
  kind: TikTokAccountKind;
  status: TikTokAccountStatus;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  /** From the app clock (`now()` in lib/time/clock.ts). */
  now: Date;
};

export type TokenExpiryWords = { access: string; refresh: string; urgent: boolean };

/**
 * Token lifetimes in words for the dashboard. Access tokens renew by themselves while a refresh
 * token lives. Login Kit refresh tokens are not extended by refreshing (TikTok counts their lifetime
 * from the original consent), so a creator must reconnect before it runs out; Business refresh
 * tokens restart on every refresh, which the daily keep-alive does.
 */
export function describeTokenExpiry(input: TokenExpiryInput): TokenExpiryWords {
  const { now, refreshTokenExpiresAt: expires } = input;
  if (input.status === 'disconnected') return { access: 'none', refresh: 'none', urgent: false };
  if (input.status === 'needs_reconnect')
    return { access: 'expired', refresh: 'reconnect now', urgent: true };
  if (input.kind === 'ads') return { access: 'never expires', refresh: 'not needed', urgent: false };
  if (!expires || !isAfter(expires, now)) {
    return { access: 'expired', refresh: 'expired: reconnect now', urgent: true };
  }
  const access = 'renews automatically';
  if (!isAfter(expires, addDays(now, REFRESH_WARNING_WINDOW_DAYS))) {
    return { access, refresh: `reconnect within ${formatDaysLeft(expires, now)}`, urgent: true };
  }
  if (input.kind === 'business') return { access, refresh: 'renews automatically', urgent: false };
  const left = isAfter(expires, addDays(now, 59))
    ? formatDistanceStrict(expires, now, { unit: 'month', roundingMethod: 'floor' })
    : formatDaysLeft(expires, now);
  return { access, refresh: `valid for ${left}`, urgent: false };
}
