import type { ServerResponse } from 'node:http';
import type { SandboxApp } from '../core/config';
import { SECRET_PREFIXES } from '../core/config';
import type { SandboxContext } from '../core/context';
import { logId } from '../core/fault-response';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import { authenticateClient } from './client-auth';
import { loginKitState } from './login-kit-state';
import { type OauthErrorCode, sendOauthError } from './oauth-error';
import { verifyPkce } from './pkce';
import { readForm } from './read-form';

type Fail = (code: OauthErrorCode, description: string) => void;

// POST /v2/oauth/token/ – authorization_code and refresh_token grants, form-encoded.
export function registerTokenRoute(router: Router, ctx: SandboxContext) {
  router.add(
    'POST',
    '/v2/oauth/token',
    { endpoint: 'oauth.token', surface: 'oauth' },
    async ({ req, res }) => {
      const state = loginKitState(ctx);
      const fail: Fail = (code, description) =>
        sendOauthError(res, code, description, { as200: state.quirks.oauthErrorsWith200 });
      // Generic OAuth clients that post JSON get TikTok's "malformed" answer (next-auth #12437).
      if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        req.resume();
        return fail('invalid_request', 'The request parameters are malformed.');
      }
      const form = await readForm(req);
      const client = authenticateClient(ctx.config, form);
      if (!client.ok) return fail('invalid_client', client.description);
      const grantType = form.get('grant_type');
      if (!grantType) return fail('invalid_request', 'The request parameters are malformed.');
      if (grantType === 'authorization_code') return exchangeCode(ctx, res, client.app, form, fail);
      if (grantType === 'refresh_token') return refresh(ctx, res, client.app, form, fail);
      // A real TikTok grant, but only for Research / Commercial Content API clients.
      if (grantType === 'client_credentials') {
        return fail(
          'unauthorized_client',
          'The client is not authorized to use the client_credentials grant.',
        );
      }
      fail('unsupported_grant_type', `grant_type ${grantType} is not supported.`);
    },
  );
}

function exchangeCode(
  ctx: SandboxContext,
  res: ServerResponse,
  app: SandboxApp,
  form: URLSearchParams,
  fail: Fail,
) {
  const raw = form.get('code');
  if (!raw) return fail('invalid_request', 'The request parameters are malformed.');
  const now = ctx.clock.nowMs();
  // Consuming first burns the code even when a later check fails, so a leaked code is single use.
  const code = ctx.authCodes.consume(raw, now);
  if (code === 'unknown') return fail('invalid_grant', 'Authorization code is invalid.');
  if (code === 'used') return fail('invalid_grant', 'Authorization code has been used.');
  if (code === 'expired') return fail('invalid_grant', 'Authorization code is expired.');
  if (code.appKind !== 'login-kit' || code.appId !== app.id) {
    return fail('invalid_grant', 'Authorization code was issued to another client.');
  }
  // TikTok's docs file this under invalid_request, with this exact wording.
  if (form.get('redirect_uri') !== code.redirectUri) {
    return fail('invalid_request', 'Redirect_uri is not matched with the uri when requesting code.');
  }
  if (code.codeChallenge) {
    const verifier = form.get('code_verifier') ?? '';
    const allowBase64url = loginKitState(ctx).quirks.pkceBase64url;
    if (!verifyPkce({ verifier, challenge: code.codeChallenge, allowBase64url })) {
      return fail('invalid_request', 'Code verifier or code challenge is invalid.');
    }
  }
  const user = ctx.users.get(code.userId);
  if (!user) return fail('invalid_grant', 'The user no longer exists.');
  const state = loginKitState(ctx);
  state.grant({ appId: app.id, userId: user.id, scopes: code.scopes, nowMs: now });
  const lifetimes = ctx.config.lifetimes.loginKit;
  const minted = state.mint({
    appId: app.id,
    userId: user.id,
    scopes: code.scopes,
    nowMs: now,
    accessSeconds: lifetimes.accessSeconds,
    chainExpiresAtMs: now + lifetimes.refreshSeconds * 1000,
    prefixes: { access: SECRET_PREFIXES.loginKitAccess, refresh: SECRET_PREFIXES.loginKitRefresh },
  });
  sendTokens(res, ctx, user.openId, minted);
}

function refresh(
  ctx: SandboxContext,
  res: ServerResponse,
  app: SandboxApp,
  form: URLSearchParams,
  fail: Fail,
) {
  const token = form.get('refresh_token');
  if (!token) return fail('invalid_request', 'The request parameters are malformed.');
  const state = loginKitState(ctx);
  const record = state.refresh.get(token);
  const now = ctx.clock.nowMs();
  if (!record || record.appId !== app.id) return fail('invalid_grant', 'Refresh token is invalid.');
  if (record.revoked) return fail('invalid_grant', 'Refresh token is revoked or was already used.');
  if (record.expiresAtMs <= now) return fail('invalid_grant', 'Refresh token is expired.');
  const user = ctx.users.get(record.userId);
  if (!user || !state.authorization(app.id, user.id))
    return fail('invalid_grant', 'Authorization was removed.');
  // Rotation: the old refresh token dies now; the chain keeps its original end date, so
  // refresh_expires_in counts down across refreshes instead of restarting. Without rotation (an
  // option of the legacy profile) the same refresh token comes back and stays valid.
  const rotate = ctx.config.lifetimes.loginKit.rotateRefreshToken !== false;
  if (rotate) record.revoked = true;
  const minted = state.mint({
    keepRefresh: rotate ? undefined : record,
    appId: app.id,
    userId: user.id,
    scopes: record.scopes,
    nowMs: now,
    accessSeconds: ctx.config.lifetimes.loginKit.accessSeconds,
    chainExpiresAtMs: record.chainExpiresAtMs,
    prefixes: { access: SECRET_PREFIXES.loginKitAccess, refresh: SECRET_PREFIXES.loginKitRefresh },
  });
  sendTokens(res, ctx, user.openId, minted);
}

function sendTokens(
  res: ServerResponse,
  ctx: SandboxContext,
  openId: string,
  minted: ReturnType<ReturnType<typeof loginKitState>['mint']>,
) {
  const now = ctx.clock.nowMs();
  ctx.markDirty();
  // v2 answers flat JSON, not wrapped in `data` like the rest of the Open API.
  sendJson(
    res,
    200,
    {
      access_token: minted.access.token,
      expires_in: Math.round((minted.access.expiresAtMs - now) / 1000),
      open_id: openId,
      refresh_expires_in: Math.round((minted.refresh.expiresAtMs - now) / 1000),
      refresh_token: minted.refresh.token,
      scope: minted.access.scopes.join(','),
      token_type: 'Bearer',
    },
    { 'cache-control': 'no-store', 'x-tt-logid': logId() },
  );
}
