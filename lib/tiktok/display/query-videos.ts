import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import {
  type DisplayVideo,
  REPORT_VIDEO_FIELDS,
  toDisplayVideo,
  type VideoField,
  videoQuerySchema,
} from './schema';

/** TikTok's maximum number of ids per query. */
export const MAX_QUERY_VIDEO_IDS = 20;

export type QueryVideosOptions = {
  accessToken: string;
  /** 1–20 item ids, as strings (they exceed 2^53). */
  videoIds: readonly string[];
  fields?: readonly VideoField[];
  signal?: AbortSignal;
};

/**
 * `POST /v2/video/query/` (scope `video.list`): the given videos of the token's creator, e.g. to
 * refresh expired cover URLs. Ids that are not the creator's are left out, as TikTok does.
 */
export async function queryVideos({
  accessToken,
  videoIds,
  fields = REPORT_VIDEO_FIELDS,
  signal,
}: QueryVideosOptions): Promise<DisplayVideo[]> {
  if (videoIds.length === 0 || videoIds.length > MAX_QUERY_VIDEO_IDS) {
    throw new RangeError(`queryVideos takes 1 to ${MAX_QUERY_VIDEO_IDS} ids, got ${videoIds.length}`);
  }
  const data = await openApiRequest({
    surface: 'display',
    method: 'POST',
    path: '/v2/video/query/',
    accessToken,
    query: { fields: fields.join(',') },
    json: { filters: { video_ids: videoIds } },
    data: videoQuerySchema,
    retry: DEFAULT_RETRY,
    signal,
  });
  return data.videos.map(toDisplayVideo);
}
