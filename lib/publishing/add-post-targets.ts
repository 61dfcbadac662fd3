import 'server-only';
import { type Post, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishPostTargetJob } from './jobs';
import type { ParsedPostInput } from './post-input';

/**
 * One target per account and, unless the post is a draft, its pipeline job (at the scheduled time,
 * or now). Called inside the transaction that writes the post, so a post never lacks its jobs.
 */
export async function addPostTargets(
  tx: Db,
  { post, input, scheduledAt }: { post: Post; input: ParsedPostInput; scheduledAt: Date | null },
) {
  const targets = await tx
    .insert(postTargets)
    .values(
      input.targets.map((t) => ({
        postId: post.id,
        workspaceId: post.workspaceId,
        accountId: t.accountId,
        settings: { ...t.settings, privacyLevel: input.mode === 'direct' ? t.settings.privacyLevel : null },
        stage: scheduledAt || input.asDraft ? ('scheduled' as const) : ('queued' as const),
      })),
    )
    .returning();
  if (!input.asDraft) {
    for (const target of targets) {
      await enqueueJob(
        tx,
        publishPostTargetJob,
        { targetId: target.id },
        {
          runAt: scheduledAt ?? undefined,
          dedupeKey: `publish-target:${target.id}:${target.runCount}`,
          workspaceId: post.workspaceId,
          startNow: !scheduledAt,
        },
      );
    }
  }
  return targets;
}
