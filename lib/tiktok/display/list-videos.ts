import 'server-only';
import { openApiRequest } from '@/lib/tiktok/http/open-api-host';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import {
  type DisplayVideo,
  REPORT_VIDEO_FIELDS,
  toDisplayVideo,
  type VideoField,
  videoListSchema,
} from './schema';

export type ListVideosOptions = {
  accessToken: string;
  /** `cursor` of the previous page (Unix ms); omitted for the newest videos. */
  cursor?: number;
  /** 1–20 (TikTok's maximum, and the default here: fewest calls per account). */
  maxCount?: number;
  fields?: readonly VideoField[];
  signal?: AbortSignal;
};

export type VideoPage = {
  videos: DisplayVideo[];
  /** Pass back as `cursor` while `hasMore`; null when TikTok sent none. */
  cursor: number | null;
  hasMore: boolean;
};

/**
 * `POST /v2/video/list/` (scope `video.list`): one page of the creator's public videos, newest
 * first. `fields` goes in the query string, paging in the body. A read, so retried.
 */
export async function listVideos({
  accessToken,
  cursor,
  maxCount = 20,
  fields = REPORT_VIDEO_FIELDS,
  signal,
}: ListVideosOptions): Promise<VideoPage> {
  const data = await openApiRequest({
    surface: 'display',
    method: 'POST',
    path: '/v2/video/list/',
    accessToken,
    query: { fields: fields.join(',') },
    json: { max_count: maxCount, ...(cursor === undefined ? {} : { cursor }) },
    data: videoListSchema,
    retry: DEFAULT_RETRY,
    signal,
  });
  return {
    videos: data.videos.map(toDisplayVideo),
    cursor: data.cursor ?? null,
    hasMore: data.has_more,
  };
}
