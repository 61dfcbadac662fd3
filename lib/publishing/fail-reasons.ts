/**
 * Every `fail_reason` TikTok documents (plus the undocumented `video_bitrate_check_failed`) and the
 * init/creator_info error codes that stop a post, mapped to what a person reads and whether trying
 * again can help. Client-safe and pure.
 *
 * `retry`:
 * - `auto`: TikTok-side or transient; the pipeline retries by itself (bounded), and Retry is offered.
 * - `manual`: nothing automatic, but the same post may work later or after a fix (Retry offered).
 * - `never`: retrying the same post cannot work (revoked access, banned, the media itself).
 */
export type RetryRule = 'auto' | 'manual' | 'never';
export type FailReasonInfo = { message: string; retry: RetryRule };

const REASONS: Record<string, FailReasonInfo> = {
  file_format_check_failed: {
    message: 'TikTok could not read this file. Export it as MP4 (H.264) and post it again.',
    retry: 'never',
  },
  duration_check_failed: {
    message: 'The video is longer than this account may post. Trim it and post it again.',
    retry: 'never',
  },
  frame_rate_check_failed: {
    message: 'TikTok needs 23 to 60 frames per second. Export the video at 30 fps and post it again.',
    retry: 'never',
  },
  picture_size_check_failed: {
    message: 'The picture size is outside what TikTok takes (360–4096 px, photos up to 1080p).',
    retry: 'never',
  },
  video_bitrate_check_failed: {
    message: 'TikTok refused the video’s bitrate. Export it again with a standard preset.',
    retry: 'never',
  },
  internal: { message: 'TikTok had a problem on its side. Trying again usually works.', retry: 'auto' },
  video_pull_failed: {
    message: 'TikTok could not download the video in time. Trying again usually works.',
    retry: 'auto',
  },
  photo_pull_failed: {
    message: 'TikTok could not download the photos in time. Trying again usually works.',
    retry: 'auto',
  },
  publish_cancelled: { message: 'The post was cancelled before TikTok finished it.', retry: 'manual' },
  auth_removed: {
    message: 'Access to this TikTok account was removed while posting. Reconnect the account to post.',
    retry: 'never',
  },
  spam_risk_too_many_posts: {
    message: 'This account reached TikTok’s daily posting limit. Try again tomorrow.',
    retry: 'manual',
  },
  spam_risk_user_banned_from_posting: {
    message: 'TikTok does not let this account post right now.',
    retry: 'never',
  },
  spam_risk_text: { message: 'TikTok flagged the caption. Change it and post again.', retry: 'never' },
  spam_risk: { message: 'TikTok judged this post risky and refused it.', retry: 'never' },
  // Init and creator_info refusals.
  spam_risk_too_many_pending_share: {
    message:
      'This account has 5 drafts waiting in the TikTok app. Post or delete some there, then try again.',
    retry: 'manual',
  },
  reached_active_user_cap: {
    message: 'Tokdesk reached TikTok’s daily limit of posting accounts. Try again tomorrow.',
    retry: 'manual',
  },
  unaudited_client_can_only_post_to_private_accounts: {
    message: 'Until this app passes TikTok’s audit, it can only post to private accounts.',
    retry: 'never',
  },
  privacy_level_option_mismatch: {
    message:
      'The chosen visibility is not available for this account any more. Edit the post and choose again.',
    retry: 'never',
  },
  url_ownership_unverified: {
    message: 'TikTok refused to download from this address: it is not a verified URL prefix.',
    retry: 'never',
  },
  app_version_check_failed: {
    message: 'The creator’s TikTok app is too old for drafts. Update the app and try again.',
    retry: 'manual',
  },
  scope_not_authorized: {
    message: 'This account did not grant permission to post. Reconnect it and allow posting.',
    retry: 'never',
  },
  access_token_invalid: { message: 'This account needs reconnecting before it can post.', retry: 'never' },
  account_needs_reconnect: { message: 'This account needs reconnecting before it can post.', retry: 'never' },
  invalid_params: { message: 'TikTok refused the post’s settings.', retry: 'never' },
  media_not_ready: { message: 'The media is missing or did not finish uploading.', retry: 'never' },
  upload_failed: { message: 'Sending the video to TikTok kept failing. Try again.', retry: 'manual' },
};

/** The message and retry rule for a TikTok reason; unknown reasons read generically and allow Retry. */
export function describeFailReason(reason: string | null | undefined): FailReasonInfo & { reason: string } {
  const key = reason || 'unknown';
  const known = REASONS[key === 'invalid_param' ? 'invalid_params' : key];
  return {
    reason: key,
    ...(known ?? { message: `TikTok did not publish the post (${key}).`, retry: 'manual' }),
  };
}

/** True when the pipeline itself may try again (a bounded number of times). */
export function retriesAutomatically(reason: string | null | undefined): boolean {
  return describeFailReason(reason).retry === 'auto';
}

/** True when a person may press Retry. */
export function userMayRetry(reason: string | null | undefined): boolean {
  return describeFailReason(reason).retry !== 'never';
}

export const DOCUMENTED_FAIL_REASONS = [
  'file_format_check_failed',
  'duration_check_failed',
  'frame_rate_check_failed',
  'picture_size_check_failed',
  'internal',
  'video_pull_failed',
  'photo_pull_failed',
  'publish_cancelled',
  'auth_removed',
  'spam_risk_too_many_posts',
  'spam_risk_user_banned_from_posting',
  'spam_risk_text',
  'spam_risk',
  'video_bitrate_check_failed',
] as const;
