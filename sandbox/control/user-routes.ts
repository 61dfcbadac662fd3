import type { SandboxContext } from '../core/context';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import type { SandboxUser } from '../core/users';
import { creatorStats } from '../open-api/creator-stats';
import { type PostingFlags, postingFlagsProblem, publishStore } from '../open-api/publish-store';
import { userVideos, videoCount } from '../open-api/user-videos';
import { registerBulkUserRoute } from './bulk-users';
import { createSandboxUser, type NewUserInput } from './seed-users';

/** A user as the control API shows it; `videos` (all of them, generated too) only when asked. */
export function userView(ctx: SandboxContext, user: SandboxUser, withVideos = true) {
  const now = ctx.clock.nowMs();
  const { videos: _own, ...rest } = user;
  return {
    ...rest,
    videoCount: videoCount(user),
    ...(withVideos ? { videos: userVideos(user, ctx.config.publicUrl, now) } : {}),
    ...(user.kind === 'creator' ? { current: creatorStats(user, ctx.config.publicUrl, now) } : {}),
    postingFlags: publishStore(ctx).flagsFor(user.id),
  };
}

export const isRegion = (value: unknown) => typeof value === 'string' && /^[A-Z]{2}$/.test(value);

/** Control API for sandbox users: create (one or in bulk), list, read, and flip flags. */
export function registerUserRoutes(router: Router, ctx: SandboxContext) {
  router.add('GET', '/_sandbox/users', control('users.list'), ({ res, url }) => {
    const kind = url.searchParams.get('kind');
    const users = ctx.users.list(kind === 'creator' || kind === 'business' ? kind : undefined);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    sendJson(res, 200, {
      total: users.length,
      users: users.slice(offset, offset + limit).map((user) => userView(ctx, user, false)),
    });
  });

  router.add('POST', '/_sandbox/users', control('users.create'), async ({ req, res }) => {
    const body = await readJson<Partial<NewUserInput>>(req);
    const kind = body.kind ?? 'creator';
    if (kind !== 'creator' && kind !== 'business') {
      return sendJson(res, 400, { error: 'kind must be creator or business' });
    }
    if (body.privacy && body.privacy !== 'public' && body.privacy !== 'private') {
      return sendJson(res, 400, { error: 'privacy must be public or private' });
    }
    if (body.region !== undefined && !isRegion(body.region))
      return sendJson(res, 400, { error: 'region must be a two-letter country code, e.g. DE' });
    const user = createSandboxUser(ctx, { ...body, kind });
    sendJson(res, 201, { user: userView(ctx, user) });
  });

  registerBulkUserRoute(router, ctx);

  router.add('GET', '/_sandbox/users/:id', control('users.get'), ({ res, params }) => {
    const user = ctx.users.get(params.id ?? '') ?? ctx.users.byOpenId(params.id ?? '');
    if (!user) return sendJson(res, 404, { error: 'no such user' });
    sendJson(res, 200, { user: userView(ctx, user) });
  });

  router.add('POST', '/_sandbox/users/:id/flags', control('users.flags'), async ({ req, res, params }) => {
    const user = ctx.users.get(params.id ?? '') ?? ctx.users.byOpenId(params.id ?? '');
    if (!user) return sendJson(res, 404, { error: 'no such user' });
    const body = await readJson<Partial<PostingFlags> & { privacy?: 'public' | 'private'; region?: string }>(
      req,
    );
    const { privacy, region, ...flags } = body;
    if (region !== undefined && !isRegion(region))
      return sendJson(res, 400, { error: 'region must be a two-letter country code, e.g. DE' });
    const problem = postingFlagsProblem(flags);
    if (problem) return sendJson(res, 400, { error: problem });
    if (privacy === 'public' || privacy === 'private') user.privacy = privacy;
    if (region) user.region = region;
    const store = publishStore(ctx);
    store.flags.set(user.id, { ...store.flags.get(user.id), ...flags });
    ctx.markDirty();
    sendJson(res, 200, { user: userView(ctx, user) });
  });
}
