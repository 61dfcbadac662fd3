import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now } from '@/lib/time/clock';

/**
 * Cancels a scheduled post before it starts (its jobs find it cancelled and stop), or deletes a
 * Tokdesk draft. A post already sent to TikTok is not Tokdesk's to take back.
 */
export async function cancelPost(db: Db, options: { workspaceId: string; userId: string; postId: string }) {
  await requireMembership(db, {
    workspaceId: options.workspaceId,
    userId: options.userId,
    roles: ['owner', 'admin'],
  });
  return db.transaction(async (tx) => {
    const [post] = await tx
      .select()
      .from(posts)
      .where(and(eq(posts.id, options.postId), eq(posts.workspaceId, options.workspaceId)))
      .for('update');
    if (!post) throw new AppError({ code: 'not_found', message: 'This post does not exist.' });
    if (post.status === 'draft') {
      await tx.delete(posts).where(eq(posts.id, post.id));
    } else if (post.status === 'scheduled') {
      const started = await tx
        .select({ id: postTargets.id })
        .from(postTargets)
        .where(
          and(
            eq(postTargets.postId, post.id),
            inArray(postTargets.stage, ['uploading', 'processing', 'init_unknown']),
          ),
        );
      if (started.length > 0)
        throw new AppError({ code: 'conflict', message: 'This post is already on its way to TikTok.' });
      await tx.update(posts).set({ status: 'cancelled' }).where(eq(posts.id, post.id));
      await tx
        .update(postTargets)
        .set({ stage: 'cancelled', finishedAt: now() })
        .where(and(eq(postTargets.postId, post.id), inArray(postTargets.stage, ['scheduled', 'queued'])));
    } else {
      throw new AppError({ code: 'conflict', message: 'Only scheduled posts and drafts can be cancelled.' });
    }
    await publishLiveEvent(tx, {
      workspaceId: options.workspaceId,
      type: 'post.changed',
      data: { postId: post.id },
    });
  });
}
