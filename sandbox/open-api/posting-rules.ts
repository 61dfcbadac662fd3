import type { SandboxApp } from '../core/config';
import type { SandboxContext } from '../core/context';
import type { SandboxUser } from '../core/users';
import type { LoginKitSession } from '../login-kit/resolve-login-kit-token';
import type { ApiErrorCode } from './envelope';
import { publishStore } from './publish-store';

const DAY_MS = 86_400_000;
/** Unaudited clients: at most 5 distinct posting users in any 24 h window. */
const UNAUDITED_ACTIVE_USERS = 5;

export function appOf(ctx: SandboxContext, session: LoginKitSession): SandboxApp | undefined {
  return ctx.config.apps.find((app) => app.kind === 'login-kit' && app.id === session.appId);
}

/**
 * Account- and app-level reasons the user cannot post right now. creator_info reports these with
 * HTTP 200 on purpose; the init endpoints answer 403.
 */
export function postingBlock(
  ctx: SandboxContext,
  session: LoginKitSession,
): { code: ApiErrorCode; message: string } | null {
  const store = publishStore(ctx);
  const flags = store.flagsFor(session.user.id);
  if (flags.bannedFromPosting) {
    return {
      code: 'spam_risk_user_banned_from_posting',
      message: 'The user is banned from making new posts.',
    };
  }
  const since = ctx.clock.nowMs() - DAY_MS;
  const recent = store.list().filter((r) => r.createdAtMs > since && r.status !== 'FAILED');
  // The daily cap is per creator account and shared by every API client.
  if (recent.filter((r) => r.userId === session.user.id).length >= flags.dailyPostCap) {
    return {
      code: 'spam_risk_too_many_posts',
      message: 'The user has reached the daily post cap for API posts.',
    };
  }
  if (!appOf(ctx, session)?.audited) {
    const active = new Set(recent.filter((r) => r.appId === session.appId).map((r) => r.userId));
    if (!active.has(session.user.id) && active.size >= UNAUDITED_ACTIVE_USERS) {
      return {
        code: 'reached_active_user_cap',
        message: 'The app has reached its daily cap of active posting users.',
      };
    }
  }
  return null;
}

/** The audiences a creator may pick: from the account's privacy, unless the control API set them. */
export function privacyOptions(ctx: SandboxContext, user: SandboxUser): string[] {
  const override = publishStore(ctx).flagsFor(user.id).privacyLevelOptions;
  if (override) return override;
  return user.privacy === 'private'
    ? ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY']
    : ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];
}

export function pendingShares(ctx: SandboxContext, userId: string): number {
  const since = ctx.clock.nowMs() - DAY_MS;
  return publishStore(ctx)
    .list()
    .filter(
      (r) =>
        r.userId === userId &&
        r.mode === 'inbox' &&
        r.createdAtMs > since &&
        r.status !== 'FAILED' &&
        r.status !== 'PUBLISH_COMPLETE',
    ).length;
}
