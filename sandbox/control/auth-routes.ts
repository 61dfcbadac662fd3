import { LIFETIME_PROFILES, type TokenLifetimes } from '../core/config';
import type { SandboxContext } from '../core/context';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import { REMOVAL_REASONS } from '../dev-webhooks/emit-dev-webhook';
import { type LoginKitQuirks, loginKitState } from '../login-kit/login-kit-state';
import { revokeAuthorization } from '../login-kit/revoke-route';

/** Control API for Login Kit grants and tokens. */
export function registerAuthRoutes(router: Router, ctx: SandboxContext) {
  const state = loginKitState(ctx);

  router.add('GET', '/_sandbox/authorizations', control('authorizations.list'), ({ res }) => {
    const authorizations = [...state.authorizations.values()].map((auth) => ({
      ...auth,
      openId: ctx.users.get(auth.userId)?.openId ?? null,
      liveAccessTokens: [...state.access.values()].filter(
        (t) =>
          t.appId === auth.appId &&
          t.userId === auth.userId &&
          !t.revoked &&
          t.expiresAtMs > ctx.clock.nowMs(),
      ).length,
    }));
    sendJson(res, 200, { authorizations });
  });

  router.add(
    'POST',
    '/_sandbox/authorizations/revoke',
    control('authorizations.revoke'),
    async ({ req, res }) => {
      const body = await readJson<{ userId?: string; openId?: string; appId?: string; reason?: number }>(req);
      const user = body.userId
        ? ctx.users.get(body.userId)
        : body.openId
          ? ctx.users.byOpenId(body.openId)
          : undefined;
      if (!user) return sendJson(res, 404, { error: 'no such user' });
      const appIds = body.appId
        ? [body.appId]
        : [...state.authorizations.values()].filter((a) => a.userId === user.id).map((a) => a.appId);
      const reason = body.reason ?? REMOVAL_REASONS.userDisconnected;
      if (!Object.values(REMOVAL_REASONS).includes(reason as 0)) {
        return sendJson(res, 400, { error: 'reason must be 0 to 5 (see REMOVAL_REASONS)' });
      }
      const removed = appIds.filter((appId) => revokeAuthorization(ctx, appId, user.id, reason));
      if (removed.length === 0) return sendJson(res, 404, { error: 'no authorization for this user' });
      sendJson(res, 200, { revoked: removed, reason });
    },
  );

  router.add('POST', '/_sandbox/tokens/invalidate', control('tokens.invalidate'), async ({ req, res }) => {
    const body = await readJson<{ token?: string; expire?: boolean }>(req);
    const record = state.access.get(body.token ?? '') ?? state.refresh.get(body.token ?? '');
    if (!record) return sendJson(res, 404, { error: 'no such token' });
    // `expire` makes it look naturally expired; otherwise it is revoked without a webhook.
    if (body.expire) record.expiresAtMs = ctx.clock.nowMs();
    else record.revoked = true;
    ctx.markDirty();
    sendJson(res, 200, { ok: true });
  });

  const profileOf = () =>
    Object.entries(LIFETIME_PROFILES).find(
      ([, profile]) => JSON.stringify(profile) === JSON.stringify(ctx.config.lifetimes),
    )?.[0] ?? null;

  router.add('GET', '/_sandbox/lifetimes', control('lifetimes.get'), ({ res }) =>
    sendJson(res, 200, { lifetimes: ctx.config.lifetimes, profile: profileOf() }),
  );

  router.add('POST', '/_sandbox/lifetimes', control('lifetimes.set'), async ({ req, res }) => {
    const body = await readJson<{
      profile?: string;
      loginKit?: Partial<TokenLifetimes>;
      business?: Partial<TokenLifetimes>;
    }>(req);
    const profile = body.profile
      ? LIFETIME_PROFILES[body.profile as keyof typeof LIFETIME_PROFILES]
      : undefined;
    if (body.profile && !profile)
      return sendJson(res, 400, {
        error: `profile must be one of ${Object.keys(LIFETIME_PROFILES).join(', ')}`,
      });
    const next = structuredClone(profile ?? ctx.config.lifetimes);
    Object.assign(next.loginKit, body.loginKit);
    Object.assign(next.business, body.business);
    ctx.config.lifetimes = next;
    sendJson(res, 200, { lifetimes: next, profile: profileOf() });
  });

  router.add('GET', '/_sandbox/quirks', control('quirks.get'), ({ res }) =>
    sendJson(res, 200, { quirks: state.quirks }),
  );

  router.add('POST', '/_sandbox/quirks', control('quirks'), async ({ req, res }) => {
    const body = await readJson<Partial<LoginKitQuirks>>(req);
    state.quirks = { ...state.quirks, ...body };
    ctx.markDirty();
    sendJson(res, 200, { quirks: state.quirks });
  });
}
