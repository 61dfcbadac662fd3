import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { initResponseSchema, type PublishInit } from './schema';
import { toSourceInfo, type VideoSource } from './video-source';

export type InitInboxVideoOptions = { accessToken: string; source: VideoSource; signal?: AbortSignal };

/**
 * `POST /v2/post/publish/inbox/video/init/` (scope `video.upload`, 6/min per token): sends the video
 * to the creator's TikTok inbox as a draft; they add the caption and post it in the app. Only
 * `source_info` exists here. At most 5 pending drafts per creator per 24 h
 * (`spam_risk_too_many_pending_share`). Never retried, like every init.
 */
export async function initInboxVideo({
  accessToken,
  source,
  signal,
}: InitInboxVideoOptions): Promise<PublishInit> {
  const data = await openApiRequest({
    surface: 'content-posting',
    method: 'POST',
    path: '/v2/post/publish/inbox/video/init/',
    accessToken,
    json: { source_info: toSourceInfo(source) },
    data: initResponseSchema,
    signal,
  });
  return { publishId: data.publish_id, uploadUrl: data.upload_url ?? null };
}
