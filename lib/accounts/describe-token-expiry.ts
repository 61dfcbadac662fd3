import type { TikTokAccountKind, TikTokAccountStatus } from '@/lib/db/schema';

const DAY_MS = 86_400_000;
/** From this close on, the dashboard asks for a reconnect and the keep-alive starts warning. */
export const REFRESH_WARNING_WINDOW_DAYS = 14;

export type TokenExpiryInput = {
  kind: TikTokAccountKind;
  status: TikTokAccountStatus;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  now?: Date;
};

export type TokenExpiryWords = { access: string; refresh: string; urgent: boolean };

/**
 * Token lifetimes in words for the dashboard. Access tokens renew by themselves while a refresh
 * token lives. Login Kit refresh tokens are not extended by refreshing (TikTok counts their lifetime
 * from the original consent), so a creator must reconnect before it runs out; Business refresh
 * tokens restart on every refresh, which the daily keep-alive does.
 */
export function describeTokenExpiry(input: TokenExpiryInput): TokenExpiryWords {
  const now = input.now ?? new Date();
  if (input.status === 'disconnected') return { access: 'none', refresh: 'none', urgent: false };
  if (input.status === 'needs_reconnect')
    return { access: 'expired', refresh: 'reconnect now', urgent: true };
  if (input.kind === 'ads') return { access: 'never expires', refresh: 'not needed', urgent: false };
  const refreshLeft = (input.refreshTokenExpiresAt?.getTime() ?? 0) - now.getTime();
  const access = refreshLeft > 0 ? 'renews automatically' : 'expired';
  if (refreshLeft <= 0) return { access, refresh: 'expired: reconnect now', urgent: true };
  const days = Math.ceil(refreshLeft / DAY_MS);
  if (days <= REFRESH_WARNING_WINDOW_DAYS) {
    return { access, refresh: `reconnect within ${days} ${days === 1 ? 'day' : 'days'}`, urgent: true };
  }
  if (input.kind === 'business') return { access, refresh: 'renews automatically', urgent: false };
  return { access, refresh: `valid for ${inWords(days)}`, urgent: false };
}

function inWords(days: number): string {
  if (days >= 60) return `${Math.floor(days / 30)} months`;
  return `${days} days`;
}

/** "3 minutes ago", "2 days ago": for last-sync times. */
export function timeAgo(date: Date | null, now = new Date()): string {
  if (!date) return 'never';
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  return `${Math.round(hours / 24)} days ago`;
}
