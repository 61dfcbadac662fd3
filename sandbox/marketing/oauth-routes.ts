import {
  ApiError,
  apiRoute,
  CODES,
  type JsonObject,
  readJsonObject,
  requireString,
  sendOk,
} from '../business/api-error';
import { findApp, type SandboxApp } from '../core/config';
import type { Router } from '../core/router';
import type { MarketingState } from './marketing-state';
import { requireAdsToken } from './require-ads-token';

const BASE = '/open_api/v1.3/oauth2';
const meta = (endpoint: string) => ({ endpoint: `marketing.${endpoint}`, surface: 'business' as const });
/** Permission ids granted to the sandbox app; the Marketing API lists scopes as integers. */
const SCOPE_IDS = [1, 2, 3, 4, 5, 6, 7, 8];

function requireApp(state: MarketingState, source: JsonObject | URLSearchParams): SandboxApp {
  const app = findApp(state.ctx.config, 'marketing', requireString(source, 'app_id'));
  if (!app || app.secret !== requireString(source, 'secret'))
    throw new ApiError(CODES.appCredentialsInvalid, 'The app_id or secret is invalid.');
  return app;
}

export function registerOauthRoutes(router: Router, state: MarketingState) {
  const { ctx } = state;

  router.add(
    'POST',
    `${BASE}/access_token/`,
    meta('oauth.access_token'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const app = requireApp(state, body);
      const code = ctx.authCodes.consume(requireString(body, 'auth_code'), ctx.clock.nowMs());
      if (typeof code === 'string' || code.appKind !== 'marketing' || code.appId !== app.id)
        throw new ApiError(CODES.authCodeInvalid, 'The auth_code is invalid, expired or has been used.');
      const token = state.tokens.issue({
        appId: app.id,
        advertiserIds: code.advertiserIds,
        createdAtMs: ctx.clock.nowMs(),
      });
      // return_advertiser_ids=false keeps huge grants from timing out; the list is then left empty.
      const withIds = body.return_advertiser_ids !== false;
      sendOk(res, {
        access_token: token.accessToken,
        advertiser_ids: withIds ? token.advertiserIds : [],
        scope: SCOPE_IDS,
      });
    }),
  );

  router.add(
    'GET',
    `${BASE}/advertiser/get/`,
    meta('oauth.advertiser.get'),
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAdsToken(state, req, endpoint);
      const app = requireApp(state, url.searchParams);
      if (token.appId !== app.id)
        throw new ApiError(CODES.appMismatch, 'The app_id does not match the access token.');
      const list = token.advertiserIds
        .map((id) => state.advertisers.get(id))
        .filter((a) => a !== undefined)
        .map((a) => ({ advertiser_id: a.advertiserId, advertiser_name: a.name }));
      sendOk(res, { list });
    }),
  );

  router.add(
    'POST',
    `${BASE}/revoke_token/`,
    meta('oauth.revoke_token'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const app = requireApp(state, body);
      const token = state.tokens.get(requireString(body, 'access_token'));
      if (!token || token.revoked || token.appId !== app.id)
        throw new ApiError(CODES.accessTokenInvalid, 'Access token is incorrect or has been revoked.');
      token.revoked = true;
      sendOk(res, { app_id: app.id, advertiser_ids: token.advertiserIds });
    }),
  );
}
