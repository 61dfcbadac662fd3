import 'server-only';
import type { Redis } from '@upstash/redis';
import { and, count, eq, gte } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { queryCreatorInfo } from '@/lib/tiktok/content-posting/query-creator-info';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { now } from '@/lib/time/clock';
import { describeFailReason } from './fail-reasons';

/** TikTok: at most 5 pending (un-posted) inbox shares per creator per 24 hours. */
export const MAX_PENDING_SHARES = 5;

export type ComposerCreator = {
  accountId: string;
  nickname: string | null;
  username: string | null;
  /** Expires after about two hours: shown, never stored. */
  avatarUrl: string | null;
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  maxVideoPostDurationSec: number | null;
  /** Why this creator cannot post right now (spam risk, daily cap, unaudited app…), or null. */
  blocked: string | null;
  /** Inbox drafts this creator may still receive today, counting those Tokdesk sent. */
  pendingSharesLeft: number;
};

/**
 * creator_info, fresh, every time the composer renders an account (a Direct Post UX rule): who
 * will post, what they may choose, and whether they can post at all right now.
 */
export async function getComposerCreator(
  db: Db,
  options: { workspaceId: string; userId: string; accountId: string; redis?: Redis },
): Promise<ComposerCreator> {
  const { workspaceId, accountId } = options;
  const since = new Date(now().getTime() - 24 * 3600_000);
  const [pending] = await db
    .select({ n: count() })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .where(
      and(
        eq(postTargets.accountId, accountId),
        eq(postTargets.workspaceId, workspaceId),
        eq(posts.mode, 'inbox'),
        eq(postTargets.stage, 'inbox'),
        gte(postTargets.finishedAt, since),
      ),
    );
  const pendingSharesLeft = Math.max(0, MAX_PENDING_SHARES - (pending?.n ?? 0));
  return withAccountToken(
    db,
    {
      workspaceId,
      accountId,
      userId: options.userId,
      roles: ['owner', 'admin'],
      kinds: ['creator'],
      redis: options.redis,
    },
    async (accessToken) => {
      try {
        const info = await queryCreatorInfo({ accessToken });
        return { accountId, ...info, blocked: null, pendingSharesLeft };
      } catch (error) {
        if (!isTikTokApiError(error) || error.retryable || error.needsReconnect) throw error;
        return {
          accountId,
          nickname: null,
          username: null,
          avatarUrl: null,
          privacyLevelOptions: [],
          commentDisabled: true,
          duetDisabled: true,
          stitchDisabled: true,
          maxVideoPostDurationSec: null,
          blocked: describeFailReason(error.code).message,
          pendingSharesLeft,
        };
      }
    },
  );
}
