import 'server-only';
import { eq } from 'drizzle-orm';
import { type Post, type PostTarget, posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type TargetWithPost = { target: PostTarget; post: Post };

/** A target and its post, or null when either is gone (deleted while the job waited). */
export async function loadTarget(db: Db, targetId: string): Promise<TargetWithPost | null> {
  const [row] = await db
    .select({ target: postTargets, post: posts })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .where(eq(postTargets.id, targetId))
    .limit(1);
  return row ?? null;
}
