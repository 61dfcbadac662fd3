import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { userMayRetry } from './fail-reasons';
import { publishPostTargetJob } from './jobs';
import { RESET_FOR_INIT } from './track-target-status';
import { updateTarget } from './update-target';

/**
 * Retry of a failed (or unconfirmed) account's post: a new publish from the start. Refused for
 * reasons retrying cannot fix. An unconfirmed post may be live already: retrying it is the
 * person's call after checking the TikTok app, as the page says.
 */
export async function retryTarget(
  db: Db,
  options: { workspaceId: string; userId: string; targetId: string },
) {
  await requireMembership(db, {
    workspaceId: options.workspaceId,
    userId: options.userId,
    roles: ['owner', 'admin'],
  });
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(postTargets)
      .where(and(eq(postTargets.id, options.targetId), eq(postTargets.workspaceId, options.workspaceId)))
      .for('update');
    if (!target) throw new AppError({ code: 'not_found', message: 'This post does not exist.' });
    if (target.stage !== 'failed' && target.stage !== 'unconfirmed') {
      throw new AppError({ code: 'conflict', message: 'Only a failed post can be retried.' });
    }
    if (target.stage === 'failed' && !userMayRetry(target.failReason)) {
      throw new AppError({
        code: 'conflict',
        message: 'Retrying cannot fix this. Change the post and post it again.',
      });
    }
    const runCount = target.runCount + 1;
    const reset = await updateTarget(tx, target, {
      ...RESET_FOR_INIT,
      initCount: 0,
      runCount,
      failReason: null,
      failMessage: null,
      finishedAt: null,
      tiktokStatus: null,
    });
    await enqueueJob(
      tx,
      publishPostTargetJob,
      { targetId: target.id },
      {
        dedupeKey: `publish-target:${target.id}:${runCount}`,
        workspaceId: options.workspaceId,
        startNow: true,
      },
    );
    return reset;
  });
}
