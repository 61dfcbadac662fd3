import type { NeedsReconnectReason } from '@/lib/tokens/mark-account-needs-reconnect';

/**
 * Why an account is not active, with the sentence the dashboard shows. Client-safe.
 * `tiktok_*` codes mirror TikTok's `authorization.removed` reasons (developer webhooks).
 */
export const ACCOUNT_STATUS_REASONS = {
  refresh_token_expired: 'TikTok’s permission ran out. Reconnect the account to keep using it.',
  refresh_token_invalid: 'TikTok no longer accepts this connection. Reconnect the account to keep using it.',
  access_token_invalid: 'TikTok rejected the account’s access. Reconnect the account to keep using it.',
  disconnected_by_user: 'Disconnected in Tokdesk. Reconnect to use it again.',
  tiktok_unknown: 'The connection was removed on TikTok. Reconnect to use it again.',
  tiktok_user_disconnected:
    'The account owner removed Tokdesk in TikTok’s settings. Reconnect to use it again.',
  tiktok_account_deleted: 'The TikTok account was deleted.',
  tiktok_age_changed: 'TikTok removed the connection because the account’s age changed.',
  tiktok_account_banned: 'TikTok banned the account.',
  tiktok_developer_revoked: 'The authorization was revoked. Reconnect to use it again.',
} as const satisfies Record<NeedsReconnectReason, string> & Record<string, string>;

export type AccountStatusReason = keyof typeof ACCOUNT_STATUS_REASONS;

/**
 * `authorization.removed` `content.reason` → our code. TikTok documents 0 unknown, 1 user
 * disconnected, 2 account deleted, 3 age changed, 4 banned, 5 developer revoked.
 */
export function reasonFromTikTokRemoval(reason: number): AccountStatusReason {
  const byNumber: Record<number, AccountStatusReason> = {
    1: 'tiktok_user_disconnected',
    2: 'tiktok_account_deleted',
    3: 'tiktok_age_changed',
    4: 'tiktok_account_banned',
    5: 'tiktok_developer_revoked',
  };
  return byNumber[reason] ?? 'tiktok_unknown';
}

export function describeStatusReason(reason: string | null): string | null {
  if (!reason) return null;
  return Object.hasOwn(ACCOUNT_STATUS_REASONS, reason)
    ? ACCOUNT_STATUS_REASONS[reason as AccountStatusReason]
    : 'Reconnect the account to keep using it.';
}
