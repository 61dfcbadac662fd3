import { findApp, type SandboxApp } from '../core/config';
import type { Router } from '../core/router';
import {
  ApiError,
  apiRoute,
  CODES,
  type JsonObject,
  readJsonObject,
  requireString,
  sendOk,
} from './api-error';
import type { BusinessState } from './business-state';
import type { BusinessToken } from './token-store';

const BASE = '/open_api/v1.3/tt_user/oauth2';
const meta = (endpoint: string) => ({ endpoint: `business.${endpoint}`, surface: 'business' as const });

function requireApp(state: BusinessState, body: JsonObject): SandboxApp {
  const app = findApp(state.ctx.config, 'business', requireString(body, 'client_id'));
  if (!app || app.secret !== requireString(body, 'client_secret'))
    throw new ApiError(CODES.appCredentialsInvalid, 'The client_id or client_secret is invalid.');
  return app;
}

function requireGrantType(body: JsonObject, expected: string) {
  if (requireString(body, 'grant_type') !== expected)
    throw new ApiError(CODES.invalidParam, `grant_type: Must be ${expected}.`);
}

function tokenData(state: BusinessState, token: BusinessToken) {
  const now = state.ctx.clock.nowMs();
  return {
    open_id: token.openId,
    // Comma-separated string, unlike the Marketing API's integer list.
    scope: token.scopes.join(','),
    access_token: token.accessToken,
    refresh_token: token.refreshToken,
    expires_in: Math.round((token.accessExpiresAtMs - now) / 1000),
    refresh_token_expires_in: Math.round((token.refreshExpiresAtMs - now) / 1000),
    token_type: 'Bearer',
  };
}

/** tt_user OAuth: code exchange, rotating refresh, revoke. App credentials travel in the JSON body. */
export function registerOauthRoutes(router: Router, state: BusinessState) {
  const { ctx } = state;

  router.add(
    'POST',
    `${BASE}/token/`,
    meta('oauth.token'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const app = requireApp(state, body);
      requireGrantType(body, 'authorization_code');
      // The body field is `auth_code`, not `code` as on Login Kit.
      const code = ctx.authCodes.consume(requireString(body, 'auth_code'), ctx.clock.nowMs());
      if (typeof code === 'string' || code.appKind !== 'business' || code.appId !== app.id)
        throw new ApiError(CODES.authCodeInvalid, 'The auth_code is invalid, expired or has been used.');
      if (requireString(body, 'redirect_uri') !== code.redirectUri)
        throw new ApiError(CODES.invalidParam, 'redirect_uri: Does not match the authorization request.');
      const user = ctx.users.get(code.userId);
      if (user?.kind !== 'business')
        throw new ApiError(CODES.authCodeInvalid, 'The auth_code does not belong to a Business Account.');
      const token = state.tokens.issue({
        appId: app.id,
        openId: user.openId,
        userId: user.id,
        scopes: code.scopes,
        nowMs: ctx.clock.nowMs(),
        lifetimes: ctx.config.lifetimes.business,
      });
      sendOk(res, tokenData(state, token));
    }),
  );

  router.add(
    'POST',
    `${BASE}/refresh_token/`,
    meta('oauth.refresh'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const app = requireApp(state, body);
      requireGrantType(body, 'refresh_token');
      const old = state.tokens.byRefreshToken(requireString(body, 'refresh_token'));
      if (!old || old.appId !== app.id || old.refreshUsed)
        throw new ApiError(CODES.refreshTokenInvalid, 'The refresh_token is invalid.');
      if (old.refreshExpiresAtMs <= ctx.clock.nowMs())
        throw new ApiError(CODES.refreshTokenExpired, 'The refresh_token has expired.');
      // Rotation: the old refresh token dies; its access token lives until its own expiry.
      old.refreshUsed = true;
      const token = state.tokens.issue({
        appId: old.appId,
        openId: old.openId,
        userId: old.userId,
        scopes: old.scopes,
        nowMs: ctx.clock.nowMs(),
        lifetimes: ctx.config.lifetimes.business,
      });
      sendOk(res, tokenData(state, token));
    }),
  );

  router.add(
    'POST',
    `${BASE}/revoke/`,
    meta('oauth.revoke'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const app = requireApp(state, body);
      const token = state.tokens.byAccessToken(requireString(body, 'access_token'));
      if (!token || token.appId !== app.id)
        throw new ApiError(CODES.accessTokenInvalid, 'Access token is incorrect or has been revoked.');
      for (const t of state.tokens.forGrant(app.id, token.openId)) {
        t.accessRevoked = true;
        t.refreshUsed = true;
      }
      sendOk(res, {});
    }),
  );
}
