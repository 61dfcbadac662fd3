import type { SandboxContext } from '../core/context';
import type { Router } from '../core/router';
import { addApiRoute } from './api-route';
import { checkDirectPost, checkInboxShare, checkText } from './direct-post-checks';
import { parseVideoSource } from './source-info';
import { startPublish } from './start-publish';

/** POST /v2/post/publish/video/init/ (Direct Post) and /v2/post/publish/inbox/video/init/ (drafts). */
export function registerVideoInitRoutes(router: Router, ctx: SandboxContext) {
  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/post/publish/video/init',
    endpoint: 'open-api.video.init',
    anyScope: ['video.publish'],
    handler: ({ session, body }) => {
      const postInfo = (body.post_info ?? {}) as Record<string, unknown>;
      const privacyLevel = checkDirectPost(ctx, session, postInfo);
      const title = checkText(postInfo.title, 'title', 2200);
      const source = parseVideoSource(ctx, session.appId, body.source_info);
      return startPublish({ ctx, session, media: 'video', mode: 'direct', source, privacyLevel, title });
    },
  });

  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/post/publish/inbox/video/init',
    endpoint: 'open-api.inbox.init',
    anyScope: ['video.upload'],
    handler: ({ session, body }) => {
      checkInboxShare(ctx, session);
      const source = parseVideoSource(ctx, session.appId, body.source_info);
      // Inbox uploads take no post_info: the caption is written by the user in the TikTok app.
      return startPublish({
        ctx,
        session,
        media: 'video',
        mode: 'inbox',
        source,
        privacyLevel: null,
        title: '',
      });
    },
  });
}
