import 'server-only';
import { type Post, posts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now as clockNow } from '@/lib/time/clock';
import { addPostTargets } from './add-post-targets';
import { type PostWriteOptions, preparePostInput } from './prepare-post-input';

export type CreatePostOptions = PostWriteOptions;

/**
 * Saves a composed post and, unless it is a draft, one pipeline job per account, all in one
 * transaction (a post never exists without its jobs), after `preparePostInput` re-checked every rule
 * the composer showed.
 */
export async function createPost(db: Db, options: CreatePostOptions): Promise<Post> {
  const now = options.now ?? clockNow();
  const { workspaceId } = options;
  const { input, scheduledAt } = await preparePostInput(db, { ...options, now });

  return db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({
        workspaceId,
        createdBy: options.userId,
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
      .returning();
    await addPostTargets(tx, { post: post!, input, scheduledAt });
    await publishLiveEvent(tx, { workspaceId, type: 'post.changed', data: { postId: post!.id } });
    return post!;
  });
}
