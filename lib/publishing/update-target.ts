import 'server-only';
import { eq } from 'drizzle-orm';
import { type PostTarget, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';

export type TargetPatch = Partial<
  Omit<typeof postTargets.$inferInsert, 'id' | 'postId' | 'workspaceId' | 'accountId'>
>;

/** Percent of the video TikTok holds, for the live progress bar; null before an upload exists. */
export function uploadedPercent(target: Pick<PostTarget, 'videoSize' | 'uploadedBytes'>): number | null {
  if (!target.videoSize) return null;
  return Math.min(100, Math.floor((target.uploadedBytes / target.videoSize) * 100));
}

/**
 * Writes a target's change and its live event in one transaction, so the posts page never shows a
 * stage the database does not hold (and always hears about one it does).
 */
export async function updateTarget(db: Db, target: PostTarget, patch: TargetPatch): Promise<PostTarget> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(postTargets).set(patch).where(eq(postTargets.id, target.id)).returning();
    if (!row) throw new Error(`post target ${target.id} vanished`);
    await publishLiveEvent(tx, {
      workspaceId: row.workspaceId,
      type: 'post.target_changed',
      data: { postId: row.postId, targetId: row.id, stage: row.stage, uploadedPercent: uploadedPercent(row) },
    });
    return row;
  });
}

export const FINAL_STAGES = ['published', 'inbox', 'unconfirmed', 'failed', 'cancelled'] as const;

export function isFinalStage(stage: string): boolean {
  return (FINAL_STAGES as readonly string[]).includes(stage);
}
