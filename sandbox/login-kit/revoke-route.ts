import type { SandboxContext } from '../core/context';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import { emitDevWebhook, REMOVAL_REASONS } from '../dev-webhooks/emit-dev-webhook';
import { authenticateClient } from './client-auth';
import { loginKitState } from './login-kit-state';
import { sendOauthError } from './oauth-error';
import { readForm } from './read-form';

// POST /v2/oauth/revoke/ – the developer revokes a user's access token (and with it the authorization).
export function registerRevokeRoute(router: Router, ctx: SandboxContext) {
  router.add(
    'POST',
    '/v2/oauth/revoke',
    { endpoint: 'oauth.revoke', surface: 'oauth' },
    async ({ req, res }) => {
      const state = loginKitState(ctx);
      const as200 = state.quirks.oauthErrorsWith200;
      const form = await readForm(req);
      const client = authenticateClient(ctx.config, form);
      if (!client.ok) return sendOauthError(res, 'invalid_client', client.description, { as200 });
      const token = form.get('token');
      if (!token)
        return sendOauthError(res, 'invalid_request', 'The request parameters are malformed.', { as200 });
      const record = state.access.get(token);
      // Like RFC 7009, an unknown or already revoked token is not an error: the outcome is the same.
      if (record && record.appId === client.app.id && !record.revoked) {
        const removed = revokeAuthorization(
          ctx,
          record.appId,
          record.userId,
          REMOVAL_REASONS.developerRevoked,
        );
        if (!removed) record.revoked = true;
      }
      sendJson(res, 200, {});
    },
  );
}

/** Removes an authorization and tells the app through `authorization.removed`. */
export function revokeAuthorization(ctx: SandboxContext, appId: string, userId: string, reason: number) {
  const removed = loginKitState(ctx).removeAuthorization(appId, userId);
  const user = ctx.users.get(userId);
  if (removed && user) {
    emitDevWebhook(ctx, { event: 'authorization.removed', openId: user.openId, content: { reason }, appId });
  }
  ctx.markDirty();
  return removed;
}
