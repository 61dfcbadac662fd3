import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { mediaObjects, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { countCaption } from './caption-length';
import { evaluateDisclosure, privacyProblem } from './disclosure-rules';
import { checkPhotoSet } from './media-rules';
import { type PostInput, postInputSchema } from './post-input';
import { verifiedPullPrefixes } from './pull-url-prefixes';

const invalid = (message: string) => new AppError({ code: 'unprocessable_entity', message });

/**
 * Re-checks every rule the composer showed, for a new post or an edit: lengths as TikTok counts
 * them, disclosure, privacy chosen (no default), media of this workspace, creator accounts only.
 * The creator's current options are checked again when each job runs.
 */
export async function checkPostInput(db: Db, options: { workspaceId: string; input: PostInput; now: Date }) {
  const { workspaceId, now } = options;
  const input = postInputSchema.parse(options.input);
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

  return { input, scheduledAt, media };
}
