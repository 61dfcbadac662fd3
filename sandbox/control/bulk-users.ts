import { SECRET_PREFIXES } from '../core/config';
import type { SandboxContext } from '../core/context';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import { loginKitState } from '../login-kit/login-kit-state';
import { LOGIN_KIT_SCOPES } from '../login-kit/scopes';
import { createSandboxUser } from './seed-users';

type BulkBody = {
  count?: number;
  videosEach?: number;
  privacy?: 'public' | 'private';
  followers?: number;
  scopes?: string[];
  usernamePrefix?: string;
};

const MAX_USERS = 20_000;
const MAX_VIDEOS = 5_000;

/**
 * POST /_sandbox/users/bulk: many creators at once, each already authorized for the Login Kit app
 * with tokens in the answer, for benches with thousands of accounts. Videos are generated on
 * demand, so 1,000 creators × 200 videos take milliseconds, not minutes.
 */
export function registerBulkUserRoute(router: Router, ctx: SandboxContext) {
  router.add('POST', '/_sandbox/users/bulk', control('users.bulk'), async ({ req, res }) => {
    const body = await readJson<BulkBody>(req);
    const count = body.count ?? 0;
    const videosEach = body.videosEach ?? 0;
    if (!Number.isInteger(count) || count < 1 || count > MAX_USERS)
      return sendJson(res, 400, { error: `count must be an integer from 1 to ${MAX_USERS}` });
    if (!Number.isInteger(videosEach) || videosEach < 0 || videosEach > MAX_VIDEOS)
      return sendJson(res, 400, { error: `videosEach must be an integer from 0 to ${MAX_VIDEOS}` });
    const scopes = body.scopes ?? Object.keys(LOGIN_KIT_SCOPES);
    if (!Array.isArray(scopes) || scopes.some((scope) => !(scope in LOGIN_KIT_SCOPES)))
      return sendJson(res, 400, {
        error: `scopes must be Login Kit scopes: ${Object.keys(LOGIN_KIT_SCOPES).join(', ')}`,
      });
    const app = ctx.config.apps.find((candidate) => candidate.kind === 'login-kit');
    if (!app) return sendJson(res, 500, { error: 'no Login Kit app configured' });
    const state = loginKitState(ctx);
    const now = ctx.clock.nowMs();
    const lifetimes = ctx.config.lifetimes.loginKit;
    const prefix = body.usernamePrefix ?? `bulk_${now.toString(36)}`;
    const followers = body.followers ?? 1200;
    const users = Array.from({ length: count }, (_, i) => {
      const user = createSandboxUser(ctx, {
        kind: 'creator',
        username: `${prefix}_${i + 1}`,
        privacy: body.privacy ?? 'public',
        stats: { followers, following: 80, likes: followers * 20, videos: 0 },
        videos: videosEach,
      });
      state.grant({ appId: app.id, userId: user.id, scopes, nowMs: now });
      const { access, refresh } = state.mint({
        appId: app.id,
        userId: user.id,
        scopes,
        nowMs: now,
        accessSeconds: lifetimes.accessSeconds,
        chainExpiresAtMs: now + lifetimes.refreshSeconds * 1000,
        prefixes: { access: SECRET_PREFIXES.loginKitAccess, refresh: SECRET_PREFIXES.loginKitRefresh },
      });
      return {
        id: user.id,
        openId: user.openId,
        username: user.username,
        accessToken: access.token,
        refreshToken: refresh.token,
        accessExpiresAtMs: access.expiresAtMs,
        refreshExpiresAtMs: refresh.expiresAtMs,
        scope: scopes.join(','),
      };
    });
    ctx.markDirty();
    sendJson(res, 201, { users });
  });
}
