import type { SandboxContext } from '../core/context';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import type { SandboxUser } from '../core/users';
import { type PostingFlags, publishStore } from '../open-api/publish-store';
import { createSandboxUser, type NewUserInput } from './seed-users';

export function userView(ctx: SandboxContext, user: SandboxUser) {
  return { ...user, postingFlags: publishStore(ctx).flagsFor(user.id) };
}

/** Control API for sandbox users: create, list, read, and flip posting flags. */
export function registerUserRoutes(router: Router, ctx: SandboxContext) {
  router.add('GET', '/_sandbox/users', control('users.list'), ({ res, url }) => {
    const kind = url.searchParams.get('kind');
    const users = ctx.users.list(kind === 'creator' || kind === 'business' ? kind : undefined);
    sendJson(res, 200, { users: users.map((user) => userView(ctx, user)) });
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
    const user = createSandboxUser(ctx, { ...body, kind });
    sendJson(res, 201, { user: userView(ctx, user) });
  });

  router.add('GET', '/_sandbox/users/:id', control('users.get'), ({ res, params }) => {
    const user = ctx.users.get(params.id ?? '') ?? ctx.users.byOpenId(params.id ?? '');
    if (!user) return sendJson(res, 404, { error: 'no such user' });
    sendJson(res, 200, { user: userView(ctx, user) });
  });

  router.add('POST', '/_sandbox/users/:id/flags', control('users.flags'), async ({ req, res, params }) => {
    const user = ctx.users.get(params.id ?? '') ?? ctx.users.byOpenId(params.id ?? '');
    if (!user) return sendJson(res, 404, { error: 'no such user' });
    const body = await readJson<Partial<PostingFlags> & { privacy?: 'public' | 'private' }>(req);
    const { privacy, ...flags } = body;
    if (privacy === 'public' || privacy === 'private') user.privacy = privacy;
    const store = publishStore(ctx);
    store.flags.set(user.id, { ...store.flags.get(user.id), ...flags });
    ctx.markDirty();
    sendJson(res, 200, { user: userView(ctx, user) });
  });
}
