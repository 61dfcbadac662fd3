import type { SandboxContext } from '../core/context';
import type { Router } from '../core/router';
import { addApiRoute } from './api-route';
import { ApiError } from './envelope';
import { parseFields, pick } from './fields';
import { userVideos } from './user-videos';
import { VIDEO_FIELDS, videoObject } from './video-object';

/** POST /v2/video/list/ and /v2/video/query/ – the Display API over the token owner's public videos. */
export function registerVideoRoutes(router: Router, ctx: SandboxContext) {
  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/video/list',
    endpoint: 'open-api.video.list',
    anyScope: ['video.list'],
    handler: ({ session, url, body }) => {
      const fields = parseFields(url, VIDEO_FIELDS);
      const maxCount = body.max_count ?? 10;
      if (!Number.isInteger(maxCount) || (maxCount as number) < 1 || (maxCount as number) > 20) {
        throw new ApiError('invalid_params', 'max_count must be an integer from 1 to 20.');
      }
      // The cursor is a Unix timestamp in MILLISECONDS; videos strictly older than it come back.
      const cursor = body.cursor ?? Number.MAX_SAFE_INTEGER;
      if (typeof cursor !== 'number' || !Number.isFinite(cursor)) {
        throw new ApiError('invalid_params', 'cursor must be an int64 timestamp in milliseconds.');
      }
      const now = ctx.clock.nowMs();
      const older = userVideos(session.user, ctx.config.publicUrl, now).filter(
        (video) => video.createTime * 1000 < cursor,
      );
      const page = older.slice(0, maxCount as number);
      const last = page.at(-1);
      return {
        videos: page.map((video) => pick(videoObject(video, now), fields)),
        cursor: last ? last.createTime * 1000 : 0,
        has_more: older.length > page.length,
      };
    },
  });

  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/video/query',
    endpoint: 'open-api.video.query',
    anyScope: ['video.list'],
    handler: ({ session, url, body }) => {
      const fields = parseFields(url, VIDEO_FIELDS);
      const filters = body.filters as { video_ids?: unknown } | undefined;
      const ids = filters?.video_ids;
      if (
        !Array.isArray(ids) ||
        ids.length === 0 ||
        ids.length > 20 ||
        !ids.every((id) => typeof id === 'string')
      ) {
        throw new ApiError('invalid_params', 'filters.video_ids must hold 1 to 20 video ids.');
      }
      const now = ctx.clock.nowMs();
      // Ids that are not the user's are silently left out, as TikTok does.
      const videos = userVideos(session.user, ctx.config.publicUrl, now).filter((video) =>
        ids.includes(video.id),
      );
      return {
        videos: videos.map((video) => pick(videoObject(video, now), fields)),
        cursor: 0,
        has_more: false,
      };
    },
  });
}
