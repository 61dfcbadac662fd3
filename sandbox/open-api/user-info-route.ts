import type { SandboxContext } from '../core/context';
import type { Router } from '../core/router';
import type { SandboxUser } from '../core/users';
import { addApiRoute } from './api-route';
import { creatorStats } from './creator-stats';
import { ApiError } from './envelope';
import { parseFields, pick } from './fields';

// Since the 2024 scope split, profile and stats fields need their own scopes.
const FIELD_SCOPES: Record<string, string> = {
  open_id: 'user.info.basic',
  union_id: 'user.info.basic',
  avatar_url: 'user.info.basic',
  avatar_url_100: 'user.info.basic',
  avatar_large_url: 'user.info.basic',
  display_name: 'user.info.basic',
  bio_description: 'user.info.profile',
  profile_deep_link: 'user.info.profile',
  is_verified: 'user.info.profile',
  username: 'user.info.profile',
  follower_count: 'user.info.stats',
  following_count: 'user.info.stats',
  likes_count: 'user.info.stats',
  video_count: 'user.info.stats',
};

// GET /v2/user/info/?fields=… – the token owner's profile, only the fields asked for.
export function registerUserInfoRoute(router: Router, ctx: SandboxContext) {
  addApiRoute(router, ctx, {
    method: 'GET',
    path: '/v2/user/info',
    endpoint: 'open-api.user.info',
    anyScope: ['user.info.basic', 'user.info.profile', 'user.info.stats'],
    handler: ({ session, url }) => {
      const fields = parseFields(url, Object.keys(FIELD_SCOPES));
      const missing = [...new Set(fields.map((f) => FIELD_SCOPES[f] ?? ''))].filter(
        (scope) => !session.scopes.includes(scope),
      );
      if (missing.length > 0) {
        throw new ApiError(
          'scope_permission_missed',
          `Some requested fields need scopes the user did not grant: ${missing.join(',')}.`,
        );
      }
      return { user: pick(userFields(ctx, session.user), fields) };
    },
  });
}

function userFields(ctx: SandboxContext, user: SandboxUser): Record<string, unknown> {
  const avatar = user.avatarUrl || `${ctx.config.publicUrl}/_sandbox/avatars/${user.id}.jpeg`;
  return {
    open_id: user.openId,
    union_id: user.unionId,
    avatar_url: avatar,
    avatar_url_100: `${avatar}?size=100`,
    avatar_large_url: `${avatar}?size=720`,
    display_name: user.displayName,
    bio_description: user.bio,
    profile_deep_link: `https://vm.tiktok.com/sbx${user.id.slice(2)}/`,
    is_verified: user.isVerified,
    username: user.username,
    ...creatorStats(user, ctx.config.publicUrl, ctx.clock.nowMs()),
  };
}
