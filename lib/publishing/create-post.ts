import 'server-only';
import { requireMembership } from '@/lib/access/require-membership';
import { type Post, posts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { getStorage } from '@/lib/storage/get-storage';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now as clockNow } from '@/lib/time/clock';
import { addPostTargets } from './add-post-targets';
import { checkPostInput } from './check-post-input';
import { convertPngPhotos } from './convert-png-photos';
import type { PostInput } from './post-input';

export type CreatePostOptions = {
  workspaceId: string;
  userId: string;
  input: PostInput;
  now?: Date;
  /** Where PNG photos are read from and their JPEGs written (the app's storage by default). */
  storage?: ObjectStorage;
};

/**
 * Saves a composed post and, unless it is a draft, one pipeline job per account, all in one
 * transaction (a post never exists without its jobs), after `checkPostInput` re-checked every rule
 * the composer showed.
 */
export async function createPost(db: Db, options: CreatePostOptions): Promise<Post> {
  const now = options.now ?? clockNow();
  const { workspaceId } = options;
  await requireMembership(db, { workspaceId, userId: options.userId, roles: ['owner', 'admin'] });
  const checked = await checkPostInput(db, { workspaceId, input: options.input, now });
  const { scheduledAt, media } = checked;
  // Before anything is saved: TikTok takes JPEG or WebP, so a PNG is posted as its JPEG copy.
  const mediaIds = media.some((m) => m.contentType === 'image/png')
    ? await convertPngPhotos(db, options.storage ?? getStorage(), {
        workspaceId,
        userId: options.userId,
        mediaIds: checked.input.mediaIds,
        media,
      })
    : checked.input.mediaIds;
  const input = { ...checked.input, mediaIds };

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
