import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { type PublishStatus, publishStatusSchema } from './schema';

export type FetchPublishStatusOptions = { accessToken: string; publishId: string; signal?: AbortSignal };

/**
 * `POST /v2/post/publish/status/fetch/` (30/min per token): where a publish stands. Post ids are
 * 19-digit int64s on the wire and come back as exact strings. A read, so retried. Errors:
 * `invalid_publish_id`, `token_not_authorized_for_specified_publish_id`.
 */
export async function fetchPublishStatus({
  accessToken,
  publishId,
  signal,
}: FetchPublishStatusOptions): Promise<PublishStatus> {
  const data = await openApiRequest({
    surface: 'content-posting',
    method: 'POST',
    path: '/v2/post/publish/status/fetch/',
    accessToken,
    json: { publish_id: publishId },
    data: publishStatusSchema,
    retry: DEFAULT_RETRY,
    signal,
  });
  return {
    status: data.status,
    failReason: data.fail_reason || null,
    publiclyAvailablePostIds: data.publicaly_available_post_id ?? data.publicly_available_post_id ?? [],
    uploadedBytes: data.uploaded_bytes ?? null,
    downloadedBytes: data.downloaded_bytes ?? null,
  };
}
