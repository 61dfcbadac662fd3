import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { type CreatorInfo, creatorInfoSchema } from './schema';

export type QueryCreatorInfoOptions = { accessToken: string; signal?: AbortSignal };

/**
 * `POST /v2/post/publish/creator_info/query/` (scope `video.publish`, 20/min per token): who would
 * post and what they may choose, fetched fresh each time the composer renders and before a
 * scheduled post runs. A creator who cannot post now comes back as a `TikTokApiError` with code
 * `spam_risk_too_many_posts`, `spam_risk_user_banned_from_posting` or `reached_active_user_cap`
 * although TikTok answers HTTP 200. Changes nothing at TikTok, so it is retried.
 */
export async function queryCreatorInfo({
  accessToken,
  signal,
}: QueryCreatorInfoOptions): Promise<CreatorInfo> {
  const data = await openApiRequest({
    surface: 'content-posting',
    method: 'POST',
    path: '/v2/post/publish/creator_info/query/',
    accessToken,
    data: creatorInfoSchema,
    retry: DEFAULT_RETRY,
    signal,
  });
  return {
    avatarUrl: data.creator_avatar_url ?? null,
    username: data.creator_username ?? null,
    nickname: data.creator_nickname ?? null,
    privacyLevelOptions: data.privacy_level_options,
    commentDisabled: data.comment_disabled,
    duetDisabled: data.duet_disabled,
    stitchDisabled: data.stitch_disabled,
    maxVideoPostDurationSec: data.max_video_post_duration_sec ?? null,
  };
}
