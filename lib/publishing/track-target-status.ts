import 'server-only';
import type { Redis } from '@upstash/redis';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import type { PostTarget } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { fetchPublishStatus } from '@/lib/tiktok/content-posting/fetch-publish-status';
import type { PublishStatus } from '@/lib/tiktok/content-posting/schema';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { now, nowMs } from '@/lib/time/clock';
import { retriesAutomatically } from './fail-reasons';
import { failTarget } from './fail-target';
import type { TargetWithPost } from './load-target';
import { nextStatusCheckInMs, STATUS_SCHEDULE } from './status-schedule';
import { isFinalStage, updateTarget } from './update-target';

export type StatusDeps = { db: Db; redis?: Redis; signal?: AbortSignal; schedule?: typeof STATUS_SCHEDULE };

/** `done`: final; `wait`: look again in `ms`; `reinit`: TikTok failed it for a retryable reason. */
export type StatusOutcome =
  | { kind: 'done' }
  | { kind: 'wait'; ms: number }
  | { kind: 'reinit'; target: PostTarget };

/** A target TikTok failed for a transient reason is started again at most this many inits in all. */
export const MAX_INITS = 3;

export const UNCONFIRMED_MESSAGE =
  'TikTok has not confirmed this post within a day. Check the TikTok app: it may be live, or still in review.';

/**
 * Where a submitted target stands. Webhooks (`post.publish.*`) usually settle it first and this
 * only notices; otherwise status/fetch (paced at 30/min per token by the platform limiter) on the
 * status schedule, and after a day "unconfirmed", never polling forever.
 */
export async function trackTargetStatus(
  deps: StatusDeps,
  { target, post }: TargetWithPost,
): Promise<StatusOutcome> {
  const schedule = deps.schedule ?? STATUS_SCHEDULE;
  if (isFinalStage(target.stage)) return { kind: 'done' };
  const since = (target.processingSince ?? target.initStartedAt ?? target.createdAt).getTime();
  const elapsed = nowMs() - since;
  const next = nextStatusCheckInMs(elapsed, schedule);
  if (next === null) {
    await updateTarget(deps.db, target, {
      stage: 'unconfirmed',
      failMessage: UNCONFIRMED_MESSAGE,
      finishedAt: now(),
    });
    return { kind: 'done' };
  }
  // No handle yet (init answer lost for a pull): only the webhook can name it.
  if (target.stage === 'init_unknown' || !target.publishId) return { kind: 'wait', ms: next };
  // Give the webhook its chance before the first poll.
  if (!target.lastCheckedAt && elapsed < schedule.fastEveryMs)
    return { kind: 'wait', ms: schedule.fastEveryMs - elapsed };

  let status: PublishStatus;
  try {
    status = await withAccountToken(
      deps.db,
      { workspaceId: target.workspaceId, accountId: target.accountId, redis: deps.redis },
      (accessToken) => fetchPublishStatus({ accessToken, publishId: target.publishId!, signal: deps.signal }),
    );
  } catch (error) {
    if (isTikTokApiError(error) && !error.retryable && !error.needsReconnect && error.status === 400) {
      await failTarget(deps.db, target, error.code);
      return { kind: 'done' };
    }
    throw error;
  }
  return applyPublishStatus(deps.db, { target, post }, status, next);
}

/** Applies a status (from status/fetch) to the target. */
export async function applyPublishStatus(
  db: Db,
  { target, post }: TargetWithPost,
  status: PublishStatus,
  nextMs: number,
): Promise<StatusOutcome> {
  const base = { lastCheckedAt: now(), tiktokStatus: status.status };
  if (status.status === 'PUBLISH_COMPLETE') {
    await updateTarget(db, target, {
      ...base,
      stage: 'published',
      postIds: status.publiclyAvailablePostIds,
      uploadedBytes: target.videoSize ?? target.uploadedBytes,
      finishedAt: now(),
    });
    return { kind: 'done' };
  }
  if (status.status === 'SEND_TO_USER_INBOX' && post.mode === 'inbox') {
    // The creator finishes in the app; waiting for PUBLISH_COMPLETE here would wait forever.
    await updateTarget(db, target, { ...base, stage: 'inbox', finishedAt: now() });
    return { kind: 'done' };
  }
  if (status.status === 'FAILED') {
    const reason = status.failReason ?? 'internal';
    if (retriesAutomatically(reason) && target.initCount < MAX_INITS) {
      const reset = await updateTarget(db, target, { ...base, ...RESET_FOR_INIT, failReason: reason });
      return { kind: 'reinit', target: reset };
    }
    await failTarget(db, { ...target, ...base }, reason);
    return { kind: 'done' };
  }
  await updateTarget(db, target, base);
  return { kind: 'wait', ms: nextMs };
}

/** Back to before init: a new publish will be started (only ever after the old one cannot publish). */
export const RESET_FOR_INIT = {
  stage: 'queued' as const,
  publishId: null,
  initStartedAt: null,
  uploadUrl: null,
  uploadUrlExpiresAt: null,
  uploadedBytes: 0,
  processingSince: null,
  lastCheckedAt: null,
};
