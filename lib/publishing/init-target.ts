import 'server-only';
import type { Redis } from '@upstash/redis';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import type { MediaObject, PostTarget } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { isTryLaterError } from '@/lib/errors/try-later-error';
import { RetryJobLaterError } from '@/lib/jobs/job-errors';
import { createSignedMediaUrl } from '@/lib/media/create-signed-media-url';
import { getMediaOrThrow } from '@/lib/media/get-media-or-throw';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { initInboxVideo } from '@/lib/tiktok/content-posting/init-inbox-video';
import { initPhotoPost } from '@/lib/tiktok/content-posting/init-photo-post';
import { initVideoPost } from '@/lib/tiktok/content-posting/init-video-post';
import { queryCreatorInfo } from '@/lib/tiktok/content-posting/query-creator-info';
import type { PublishInit } from '@/lib/tiktok/content-posting/schema';
import type { VideoSource } from '@/lib/tiktok/content-posting/video-source';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { now, nowMs } from '@/lib/time/clock';
import { AccountNeedsReconnectError } from '@/lib/tokens/token-errors';
import { toPhotoPostInfo, toVideoPostInfo } from './build-init-request';
import { privacyProblem } from './disclosure-rules';
import { failTarget } from './fail-target';
import { inspectVideo } from './inspect-video';
import type { TargetWithPost } from './load-target';
import { checkVideoFacts } from './media-rules';
import { planChunks } from './plan-chunks';
import { isVerifiedPullUrl } from './pull-url-prefixes';
import { updateTarget } from './update-target';

/** TikTok's upload_url lives one hour; we stop using it a little earlier. */
const UPLOAD_URL_LIFETIME_MS = 55 * 60_000;
/** Signed media URLs for TikTok's pull outlive its one-hour download window. */
const PULL_URL_SECONDS = 2 * 3600;

export type InitDeps = {
  db: Db;
  storage: ObjectStorage;
  redis?: Redis;
  signal?: AbortSignal;
  chunkBytes?: number;
};

/** What an init failure means for a target. */
class InitRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts the target at TikTok, exactly once. Before sending, it commits `init_started_at`; the
 * answer's `publish_id` is stored in the transaction that records success. When a run finds an init
 * started but no publish_id (the answer was lost, or we crashed before storing it), TikTok may hold
 * a post we have no handle on:
 * - FILE_UPLOAD: initialising again is safe, because the orphan never receives its bytes and an
 *   upload that never completes cannot publish;
 * - PULL_FROM_URL and photos: TikTok fetches by itself, so the orphan may publish. We never init
 *   again: the target waits in `init_unknown` for the `post.publish.*` webhook naming the orphan's
 *   publish_id (adopted by account and time), and ends `unconfirmed` if none comes.
 */
export async function initTarget(
  deps: InitDeps,
  { target, post }: TargetWithPost,
): Promise<PostTarget | null> {
  const { db } = deps;
  const pulls = post.kind === 'photo' || post.source === 'PULL_FROM_URL';
  if (target.initStartedAt && !target.publishId && pulls) {
    return updateTarget(db, target, { stage: 'init_unknown', processingSince: target.initStartedAt });
  }
  try {
    return await withAccountToken(
      db,
      { workspaceId: target.workspaceId, accountId: target.accountId, kinds: ['creator'], redis: deps.redis },
      async (accessToken) => {
        const creator = await queryCreatorInfo({ accessToken, signal: deps.signal }).catch(
          (error: unknown) => {
            if (isTikTokApiError(error) && !error.retryable && !error.needsReconnect) {
              throw new InitRefused(error.code, error.message);
            }
            throw error;
          },
        );
        if (post.mode === 'direct') {
          const problem = privacyProblem(
            target.settings.privacyLevel,
            creator.privacyLevelOptions,
            target.settings.disclosure,
          );
          if (problem) throw new InitRefused('privacy_level_option_mismatch', problem);
        }
        const media = await Promise.all(
          post.mediaIds.map((mediaId) => getMediaOrThrow(db, { mediaId, workspaceId: post.workspaceId })),
        ).catch(() => {
          throw new InitRefused('media_not_ready', 'The media was deleted or never finished uploading.');
        });
        if (post.kind === 'video') await checkVideo(deps, media[0]!, creator.maxVideoPostDurationSec);

        const source =
          post.kind === 'video' ? await videoSource(deps, post.source, media[0]!, post.workspaceId) : null;
        // Committed before the request leaves: a later run knows an init may have reached TikTok.
        await updateTarget(db, target, {
          initStartedAt: now(),
          initCount: target.initCount + 1,
          creatorUsername: creator.username,
          failReason: null,
          failMessage: null,
        });
        let init: PublishInit;
        try {
          init = await sendInit(deps, accessToken, { target, post }, media, source);
        } catch (error) {
          // Refused before it was sent (our limiter) or definitely refused by TikTok: nothing exists there.
          if (isTryLaterError(error) || (isTikTokApiError(error) && !error.outcomeUnknown)) {
            await updateTarget(db, target, { initStartedAt: null, initCount: target.initCount });
          }
          throw error;
        }
        const fileUpload = source?.source === 'FILE_UPLOAD';
        return updateTarget(db, target, {
          publishId: init.publishId,
          uploadUrl: fileUpload ? init.uploadUrl : null,
          uploadUrlExpiresAt: fileUpload ? new Date(nowMs() + UPLOAD_URL_LIFETIME_MS) : null,
          videoSize: fileUpload ? source.videoSize : (media[0]?.size ?? null),
          chunkSize: fileUpload ? source.chunkSize : null,
          totalChunkCount: fileUpload ? source.totalChunkCount : null,
          uploadedBytes: 0,
          stage: fileUpload ? 'uploading' : 'processing',
          processingSince: fileUpload ? null : now(),
          tiktokStatus: null,
        });
      },
    );
  } catch (error) {
    if (error instanceof InitRefused) {
      await failTarget(db, target, error.reason, error.reason === 'media_check' ? error.message : undefined);
      return null;
    }
    if (error instanceof AccountNeedsReconnectError) {
      await failTarget(db, target, 'account_needs_reconnect');
      return null;
    }
    if (isTikTokApiError(error)) {
      if (error.outcomeUnknown) {
        // Lost answer: FILE_UPLOAD re-inits on the next attempt (safe); pulls go to init_unknown then.
        throw new RetryJobLaterError(`init answer lost (${error.code}); reconciling`, 2_000);
      }
      if (!error.retryable) {
        await failTarget(db, target, error.code);
        return null;
      }
    }
    if (isAppErrorNotFound(error)) {
      await failTarget(
        db,
        target,
        'account_needs_reconnect',
        'The account is no longer connected to this workspace.',
      );
      return null;
    }
    throw error;
  }
}

function isAppErrorNotFound(error: unknown): boolean {
  return (
    (error as { code?: string })?.code === 'not_found' ||
    (error as { code?: string })?.code === 'unprocessable_entity'
  );
}

async function checkVideo(deps: InitDeps, media: MediaObject, maxDuration: number | null) {
  const facts = await inspectVideo(deps.storage, media.key, deps.signal);
  const problems = checkVideoFacts(facts, { maxVideoPostDurationSec: maxDuration });
  if (problems.length > 0) throw new InitRefused('media_check', problems.map((p) => p.message).join(' '));
}

async function videoSource(
  deps: InitDeps,
  source: string,
  media: MediaObject,
  workspaceId: string,
): Promise<VideoSource> {
  if (source === 'PULL_FROM_URL')
    return { source: 'PULL_FROM_URL', videoUrl: await pullUrl(deps, media, workspaceId) };
  const plan = planChunks(media.size, deps.chunkBytes);
  return {
    source: 'FILE_UPLOAD',
    videoSize: plan.videoSize,
    chunkSize: plan.chunkSize,
    totalChunkCount: plan.totalChunkCount,
  };
}

async function pullUrl(deps: InitDeps, media: MediaObject, workspaceId: string): Promise<string> {
  const { url } = await createSignedMediaUrl(deps.db, {
    workspaceId,
    mediaId: media.id,
    expiresInSeconds: PULL_URL_SECONDS,
  });
  if (!isVerifiedPullUrl(url)) {
    throw new InitRefused(
      'url_ownership_unverified',
      'The media address is not under a verified URL prefix.',
    );
  }
  return url;
}

async function sendInit(
  deps: InitDeps,
  accessToken: string,
  { target, post }: TargetWithPost,
  media: MediaObject[],
  source: VideoSource | null,
): Promise<PublishInit> {
  const { signal } = deps;
  if (post.kind === 'photo') {
    const photoUrls = await Promise.all(media.map((m) => pullUrl(deps, m, post.workspaceId)));
    const info = toPhotoPostInfo(post, target.settings);
    const { publishId } =
      post.mode === 'direct'
        ? await initPhotoPost({
            accessToken,
            photoUrls,
            coverIndex: post.coverIndex,
            postMode: 'DIRECT_POST',
            postInfo: info,
            signal,
          })
        : await initPhotoPost({
            accessToken,
            photoUrls,
            coverIndex: post.coverIndex,
            postMode: 'MEDIA_UPLOAD',
            postInfo: {
              title: info.title,
              description: info.description,
              brandContentToggle: info.brandContentToggle,
              brandOrganicToggle: info.brandOrganicToggle,
            },
            signal,
          });
    return { publishId, uploadUrl: null };
  }
  if (post.mode === 'inbox') return initInboxVideo({ accessToken, source: source!, signal });
  return initVideoPost({
    accessToken,
    postInfo: toVideoPostInfo(post, target.settings),
    source: source!,
    signal,
  });
}
