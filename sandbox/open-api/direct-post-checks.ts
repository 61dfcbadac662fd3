import type { SandboxContext } from '../core/context';
import type { LoginKitSession } from '../login-kit/resolve-login-kit-token';
import { ApiError } from './envelope';
import { appOf, pendingShares, postingBlock, privacyOptions } from './posting-rules';
import { publishStore } from './publish-store';

/**
 * Checks shared by video and photo Direct Posts; returns the privacy level the post will get.
 * Unaudited apps: the ACCOUNT must be private (a SELF_ONLY post to a public account still fails),
 * and every post is forced to SELF_ONLY.
 */
export function checkDirectPost(
  ctx: SandboxContext,
  session: LoginKitSession,
  postInfo: Record<string, unknown>,
) {
  const block = postingBlock(ctx, session);
  if (block) throw new ApiError(block.code, block.message);
  const audited = appOf(ctx, session)?.audited ?? false;
  if (!audited && session.user.privacy !== 'private') {
    throw new ApiError(
      'unaudited_client_can_only_post_to_private_accounts',
      'Unaudited clients can only post to private accounts.',
    );
  }
  const privacy = postInfo.privacy_level;
  if (typeof privacy !== 'string' || !privacyOptions(ctx, session.user).includes(privacy)) {
    throw new ApiError(
      'privacy_level_option_mismatch',
      'privacy_level is missing or not one of the creator options.',
    );
  }
  for (const flag of [
    'disable_duet',
    'disable_stitch',
    'disable_comment',
    'brand_content_toggle',
    'brand_organic_toggle',
    'is_aigc',
    'auto_add_music',
  ]) {
    if (postInfo[flag] !== undefined && typeof postInfo[flag] !== 'boolean') {
      throw new ApiError('invalid_params', `${flag} must be a boolean.`);
    }
  }
  if (postInfo.brand_content_toggle === true && privacy === 'SELF_ONLY') {
    throw new ApiError('invalid_params', 'Branded content visibility cannot be set to private.');
  }
  return audited ? privacy : 'SELF_ONLY';
}

/** Inbox uploads: only a ban or too many pending drafts stop them. */
export function checkInboxShare(ctx: SandboxContext, session: LoginKitSession) {
  const flags = publishStore(ctx).flagsFor(session.user.id);
  if (flags.bannedFromPosting) {
    throw new ApiError('spam_risk_user_banned_from_posting', 'The user is banned from making new posts.');
  }
  if (pendingShares(ctx, session.user.id) >= flags.maxPendingShares) {
    throw new ApiError(
      'spam_risk_too_many_pending_share',
      'The user has too many pending shares in the last 24 hours; they must post or discard drafts first.',
    );
  }
}

export function checkText(value: unknown, name: string, maxUtf16: number): string {
  if (value === undefined || value === null) return '';
  // String length in JS is UTF-16 code units, TikTok's unit for these limits.
  if (typeof value !== 'string' || value.length > maxUtf16) {
    throw new ApiError(
      'invalid_params',
      `${name} must be a string of at most ${maxUtf16} UTF-16 code units.`,
    );
  }
  return value;
}
