import 'server-only';
import type { Redis } from '@upstash/redis';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { cancelPublish } from '@/lib/tiktok/content-posting/cancel-publish';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { failTarget } from './fail-target';

/**
 * Stops TikTok's download of a PULL_FROM_URL post while it runs (`/publish/cancel/`, best effort).
 * The target ends failed with `publish_cancelled` (the webhook says the same later). Too late
 * (TikTok already has the file) is a clear conflict, not an error.
 */
export async function cancelTargetPull(
  db: Db,
  options: { workspaceId: string; userId: string; targetId: string; redis?: Redis },
) {
  await requireMembership(db, {
    workspaceId: options.workspaceId,
    userId: options.userId,
    roles: ['owner', 'admin'],
  });
  const [row] = await db
    .select({ target: postTargets, source: posts.source })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .where(and(eq(postTargets.id, options.targetId), eq(postTargets.workspaceId, options.workspaceId)))
    .limit(1);
  if (!row) throw new AppError({ code: 'not_found', message: 'This post does not exist.' });
  const { target } = row;
  if (row.source !== 'PULL_FROM_URL' || target.stage !== 'processing' || !target.publishId) {
    throw new AppError({
      code: 'conflict',
      message: 'Only a post TikTok is still downloading can be cancelled.',
    });
  }
  try {
    await withAccountToken(
      db,
      { workspaceId: options.workspaceId, accountId: target.accountId, redis: options.redis },
      (accessToken) => cancelPublish({ accessToken, publishId: target.publishId! }),
    );
  } catch (error) {
    if (isTikTokApiError(error) && error.code === 'publish_not_cancellable') {
      throw new AppError({
        code: 'conflict',
        message: 'TikTok already has the whole video: it can no longer be cancelled.',
      });
    }
    throw error;
  }
  return failTarget(db, target, 'publish_cancelled');
}
