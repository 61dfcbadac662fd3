import type { SandboxContext } from '../core/context';
import type { Router } from '../core/router';
import { addApiRoute } from './api-route';
import { checkDirectPost, checkInboxShare, checkText } from './direct-post-checks';
import { ApiError } from './envelope';
import { publishStore } from './publish-store';
import { assertVerifiedUrl } from './source-info';
import { startPublish } from './start-publish';

const MAX_PHOTOS = 35;

// POST /v2/post/publish/content/init/ – photo posts, pulled from verified URLs only.
export function registerPhotoInitRoute(router: Router, ctx: SandboxContext) {
  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/post/publish/content/init',
    endpoint: 'open-api.content.init',
    anyScope: ['video.publish', 'video.upload'],
    handler: ({ session, body }) => {
      if (body.media_type !== 'PHOTO') throw new ApiError('invalid_params', 'media_type must be PHOTO.');
      const mode = body.post_mode;
      if (mode !== 'DIRECT_POST' && mode !== 'MEDIA_UPLOAD') {
        throw new ApiError('invalid_params', 'post_mode must be DIRECT_POST or MEDIA_UPLOAD.');
      }
      const needed = mode === 'DIRECT_POST' ? 'video.publish' : 'video.upload';
      if (!session.scopes.includes(needed)) {
        throw new ApiError('scope_not_authorized', `The user did not authorize the scope ${needed}.`);
      }
      const postInfo = (body.post_info ?? {}) as Record<string, unknown>;
      let privacyLevel: string | null = null;
      if (mode === 'DIRECT_POST') {
        privacyLevel = checkDirectPost(ctx, session, postInfo);
      } else {
        // MEDIA_UPLOAD needs TikTok app 31.8+ on the user's phone.
        if (publishStore(ctx).flagsFor(session.user.id).outdatedApp) {
          throw new ApiError(
            'app_version_check_failed',
            "The user's TikTok app is too old for photo uploads.",
          );
        }
        checkInboxShare(ctx, session);
      }
      const title = checkText(postInfo.title, 'title', 90);
      checkText(postInfo.description, 'description', 4000);
      const urls = photoUrls(ctx, session.appId, body.source_info);
      return startPublish({
        ctx,
        session,
        media: 'photo',
        mode: mode === 'DIRECT_POST' ? 'direct' : 'inbox',
        source: { source: 'PULL_FROM_URL', urls },
        privacyLevel,
        title,
      });
    },
  });
}

function photoUrls(ctx: SandboxContext, appId: string, raw: unknown): string[] {
  const info = (raw ?? {}) as Record<string, unknown>;
  if (info.source !== 'PULL_FROM_URL')
    throw new ApiError('invalid_params', 'Photos only support PULL_FROM_URL.');
  const images = info.photo_images;
  if (!Array.isArray(images) || images.length < 1 || images.length > MAX_PHOTOS) {
    throw new ApiError('invalid_params', `photo_images must hold 1 to ${MAX_PHOTOS} URLs.`);
  }
  if (!images.every((url): url is string => typeof url === 'string')) {
    throw new ApiError('invalid_params', 'photo_images must be URLs.');
  }
  const cover = info.photo_cover_index;
  if (!Number.isInteger(cover) || (cover as number) < 0 || (cover as number) >= images.length) {
    throw new ApiError('invalid_params', 'photo_cover_index is required and must index photo_images.');
  }
  for (const url of images) assertVerifiedUrl(ctx, appId, url);
  return images;
}
