import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { mediaObjects, type Post, posts, postTargets, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now as clockNow } from '@/lib/time/clock';
import { countCaption } from './caption-length';
import { evaluateDisclosure, privacyProblem } from './disclosure-rules';
import { publishPostTargetJob } from './jobs';
import { checkPhotoSet } from './media-rules';
import { type PostInput, postInputSchema } from './post-input';
import { verifiedPullPrefixes } from './pull-url-prefixes';

export type CreatePostOptions = { workspaceId: string; userId: string; input: PostInput; now?: Date };

const invalid = (message: string) => new AppError({ code: 'unprocessable_entity', message });

/**
 * Saves a composed post and, unless it is a draft, one pipeline job per account, all in one
 * transaction (a post never exists without its jobs). Re-checks every rule the composer showed:
 * lengths as TikTok counts them, disclosure, privacy chosen (no default), media of this workspace,
 * creator accounts only. The creator's current options are checked again when each job runs.
 */
export async function createPost(db: Db, options: CreatePostOptions): Promise<Post> {
  const now = options.now ?? clockNow();
  const input = postInputSchema.parse(options.input);
  const { workspaceId } = options;
  await requireMembership(db, { workspaceId, userId: options.userId, roles: ['owner', 'admin'] });

  if (input.kind === 'video') {
    if (input.mediaIds.length !== 1) throw invalid('A video post has exactly one video.');
    if (input.mode === 'inbox' && input.caption) {
      throw invalid('Drafts sent to the TikTok inbox carry no caption: the creator adds it in the app.');
    }
    if (countCaption('videoCaption', input.caption).over)
      throw invalid('The caption is over 2200 characters as TikTok counts them.');
  } else {
    if (countCaption('photoTitle', input.caption).over)
      throw invalid('The title is over 90 characters as TikTok counts them.');
    if (countCaption('photoDescription', input.description).over)
      throw invalid('The description is over 4000 characters as TikTok counts them.');
    if (input.coverIndex >= input.mediaIds.length) throw invalid('The cover must be one of the photos.');
  }
  const pulls = input.kind === 'photo' || input.source === 'PULL_FROM_URL';
  if (pulls && verifiedPullPrefixes().length === 0) {
    throw invalid(
      'TikTok pulls this media from a verified URL prefix, and none is configured (TIKTOK_VERIFIED_URL_PREFIXES).',
    );
  }
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
  if (scheduledAt && scheduledAt.getTime() <= now.getTime()) throw invalid('Choose a time in the future.');

  const media = await db
    .select()
    .from(mediaObjects)
    .where(
      and(
        eq(mediaObjects.workspaceId, workspaceId),
        inArray(mediaObjects.id, input.mediaIds),
        eq(mediaObjects.status, 'ready'),
      ),
    );
  if (media.length !== new Set(input.mediaIds).size)
    throw invalid('Some media is missing or has not finished uploading.');
  const purpose = input.kind === 'video' ? 'video' : 'photo';
  if (media.some((m) => m.purpose !== purpose))
    throw invalid(`Use ${purpose === 'video' ? 'a video' : 'photos'} uploaded for posting.`);
  if (input.kind === 'photo') {
    const problem = checkPhotoSet(media.map((m) => ({ contentType: m.contentType, sizeBytes: m.size })))[0];
    if (problem) throw invalid(problem.message);
  }

  const accountIds = input.targets.map((t) => t.accountId);
  if (new Set(accountIds).size !== accountIds.length) throw invalid('Each account can be chosen once.');
  const accounts = await db
    .select({
      id: tiktokAccounts.id,
      kind: tiktokAccounts.kind,
      status: tiktokAccounts.status,
      username: tiktokAccounts.username,
    })
    .from(tiktokAccounts)
    .where(and(eq(tiktokAccounts.workspaceId, workspaceId), inArray(tiktokAccounts.id, accountIds)));
  if (accounts.length !== accountIds.length)
    throw new AppError({ code: 'not_found', message: 'One of the accounts does not exist.' });
  for (const account of accounts) {
    if (account.kind !== 'creator') {
      throw invalid(
        `@${account.username ?? account.id} is a ${account.kind} account: TikTok only lets creator accounts (Login Kit) publish.`,
      );
    }
  }
  for (const target of input.targets) {
    const outcome = evaluateDisclosure(target.settings.disclosure);
    if (outcome.problem) throw invalid(outcome.problem);
    if (input.mode === 'direct') {
      const level = target.settings.privacyLevel;
      const problem = privacyProblem(level, level ? [level] : [], target.settings.disclosure);
      if (problem) throw invalid(problem);
    }
  }

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
    const targets = await tx
      .insert(postTargets)
      .values(
        input.targets.map((t) => ({
          postId: post!.id,
          workspaceId,
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
            workspaceId,
            startNow: !scheduledAt,
          },
        );
      }
    }
    await publishLiveEvent(tx, { workspaceId, type: 'post.changed', data: { postId: post!.id } });
    return post!;
  });
}
