import 'server-only';
import { z } from 'zod';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';

export type CancelPublishOptions = { accessToken: string; publishId: string; signal?: AbortSignal };

/**
 * `POST /v2/post/publish/cancel/`: stops a PULL_FROM_URL download still running at TikTok (best
 * effort; the publish then fails with `publish_cancelled`). Too late → `publish_not_cancellable`.
 * Not retried: check the status instead.
 */
export async function cancelPublish({ accessToken, publishId, signal }: CancelPublishOptions): Promise<void> {
  await openApiRequest({
    surface: 'content-posting',
    method: 'POST',
    path: '/v2/post/publish/cancel/',
    accessToken,
    json: { publish_id: publishId },
    data: z.unknown(),
    signal,
  });
}
