import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { initResponseSchema, type PrivacyLevel, type PublishInit } from './schema';
import { toSourceInfo, type VideoSource } from './video-source';

export type VideoPostInfo = {
  /** Required, and one of creator_info's `privacyLevelOptions`: the user picks it, there is no default. */
  privacyLevel: PrivacyLevel;
  /** The caption, at most 2200 UTF-16 code units; omitted = no caption. */
  title?: string;
  disableComment?: boolean;
  disableDuet?: boolean;
  disableStitch?: boolean;
  videoCoverTimestampMs?: number;
  /** "Branded content" (paid partnership). Always sent: TikTok documents it as required. */
  brandContentToggle: boolean;
  /** "Your brand" (promotes the creator's own business). Always sent. */
  brandOrganicToggle: boolean;
  /** Adds TikTok's "Creator labeled as AI-generated" label. */
  isAigc?: boolean;
};

export type InitVideoPostOptions = {
  accessToken: string;
  postInfo: VideoPostInfo;
  source: VideoSource;
  signal?: AbortSignal;
};

/**
 * `POST /v2/post/publish/video/init/` (scope `video.publish`, 6/min per token): starts a Direct
 * Post. Never retried here: a second init would be a second post. A `TikTokApiError` with
 * `outcomeUnknown` (timeout, dropped connection, 5xx) means TikTok may have accepted it; reconcile
 * before trying again. Refusals carry TikTok's code: `privacy_level_option_mismatch`,
 * `spam_risk_too_many_posts`, `unaudited_client_can_only_post_to_private_accounts`,
 * `url_ownership_unverified`, `invalid_params`…
 */
export async function initVideoPost({
  accessToken,
  postInfo,
  source,
  signal,
}: InitVideoPostOptions): Promise<PublishInit> {
  const data = await openApiRequest({
    surface: 'content-posting',
    method: 'POST',
    path: '/v2/post/publish/video/init/',
    accessToken,
    json: {
      post_info: {
        privacy_level: postInfo.privacyLevel,
        ...(postInfo.title === undefined ? {} : { title: postInfo.title }),
        ...(postInfo.disableComment === undefined ? {} : { disable_comment: postInfo.disableComment }),
        ...(postInfo.disableDuet === undefined ? {} : { disable_duet: postInfo.disableDuet }),
        ...(postInfo.disableStitch === undefined ? {} : { disable_stitch: postInfo.disableStitch }),
        ...(postInfo.videoCoverTimestampMs === undefined
          ? {}
          : { video_cover_timestamp_ms: postInfo.videoCoverTimestampMs }),
        brand_content_toggle: postInfo.brandContentToggle,
        brand_organic_toggle: postInfo.brandOrganicToggle,
        ...(postInfo.isAigc === undefined ? {} : { is_aigc: postInfo.isAigc }),
      },
      source_info: toSourceInfo(source),
    },
    data: initResponseSchema,
    signal,
  });
  return { publishId: data.publish_id, uploadUrl: data.upload_url ?? null };
}
