import 'server-only';
import { and, eq } from 'drizzle-orm';
import { type Post, posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now as clockNow } from '@/lib/time/clock';
import { addPostTargets } from './add-post-targets';
import { type PostWriteOptions, preparePostInput } from './prepare-post-input';

export type UpdatePostOptions = PostWriteOptions & { postId: string };

/**
 * Edits a scheduled post (or a Tokdesk draft) before any of its targets started: caption, settings,
 * accounts, time. The targets are replaced rather than patched: a job that already loaded the old
 * settings finds its target gone when it tries to mark the init as started (that write waits for
 * this transaction's row locks), so TikTok never receives the old version. Old jobs end as "gone".
 */
export async function updatePost(db: Db, options: UpdatePostOptions): Promise<Post> {
  const now = options.now ?? clockNow();
  const { workspaceId } = options;
  const { input, scheduledAt } = await preparePostInput(db, { ...options, now });

  return db.transaction(async (tx) => {
    const [post] = await tx
      .select()
      .from(posts)
      .where(and(eq(posts.id, options.postId), eq(posts.workspaceId, workspaceId)))
      .for('update');
    if (!post) throw new AppError({ code: 'not_found', message: 'This post does not exist.' });
    if (post.status !== 'scheduled' && post.status !== 'draft') {
      throw new AppError({
        code: 'conflict',
        message: 'Only scheduled posts and drafts can be edited: this one is already on its way to TikTok.',
      });
    }
    const targets = await tx.select().from(postTargets).where(eq(postTargets.postId, post.id)).for('update');
    if (targets.some((t) => t.stage !== 'scheduled' || t.initStartedAt || t.publishId)) {
      throw new AppError({
        code: 'conflict',
        message: 'This post has started going to TikTok, so it can no longer be edited.',
      });
    }
    await tx.delete(postTargets).where(eq(postTargets.postId, post.id));
    const [updated] = await tx
      .update(posts)
      .set({
        kind: input.kind,
        mode: input.mode,
        source: input.kind === 'photo' ? 'PULL_FROM_URL' : input.source,
        caption: input.caption,
        description: input.kind === 'photo' ? input.description : '',
        mediaIds: input.mediaIds,
        coverIndex: input.coverIndex,
        status: input.asDraft ? 'draft' : scheduledAt ? 'scheduled' : 'submitted',
        scheduledAt,
      })
      .where(eq(posts.id, post.id))
      .returning();
    await addPostTargets(tx, { post: updated!, input, scheduledAt });
    await publishLiveEvent(tx, { workspaceId, type: 'post.changed', data: { postId: post.id } });
    return updated!;
  });
}
