import type { SandboxContext } from '../core/context';
import type { Router } from '../core/router';
import { addApiRoute } from './api-route';
import { ApiError } from './envelope';
import { postingBlock, privacyOptions } from './posting-rules';
import { publishStore } from './publish-store';

// POST /v2/post/publish/creator_info/query/ – what the "Post to TikTok" screen must show.
export function registerCreatorInfoRoute(router: Router, ctx: SandboxContext) {
  addApiRoute(router, ctx, {
    method: 'POST',
    path: '/v2/post/publish/creator_info/query',
    endpoint: 'open-api.creator-info',
    anyScope: ['video.publish'],
    handler: ({ session }) => {
      const block = postingBlock(ctx, session);
      // TikTok answers these with HTTP 200 on purpose: clients must read error.code.
      if (block) throw new ApiError(block.code, block.message, 200);
      const { user } = session;
      const flags = publishStore(ctx).flagsFor(user.id);
      const privateAccount = user.privacy === 'private';
      // Note: for unaudited apps this still lists PUBLIC_TO_EVERYONE, as TikTok does.
      return {
        creator_avatar_url: `${ctx.config.publicUrl}/_sandbox/avatars/${user.id}.jpeg?x-expires=${ctx.clock.nowSeconds() + 7200}`,
        creator_username: user.username,
        creator_nickname: user.displayName,
        privacy_level_options: privacyOptions(ctx, user),
        comment_disabled: flags.commentDisabled,
        duet_disabled: privateAccount || flags.duetDisabled,
        stitch_disabled: privateAccount || flags.stitchDisabled,
        max_video_post_duration_sec: flags.maxVideoPostDurationSec,
      };
    },
  });
}
