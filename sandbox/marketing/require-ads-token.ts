import type { IncomingMessage } from 'node:http';
import { ApiError, CODES } from '../business/api-error';
import { readAccessTokenHeader } from '../business/read-access-token-header';
import type { AdsToken } from './ads-token-store';
import type { MarketingState } from './marketing-state';

/** `Access-Token` header → live advertiser token; also counts the call against the app's rate limits. */
export function requireAdsToken(state: MarketingState, req: IncomingMessage, endpoint: string): AdsToken {
  const raw = readAccessTokenHeader(req);
  const token = state.tokens.get(raw);
  if (!token || token.revoked)
    throw new ApiError(CODES.accessTokenInvalid, 'Access token is incorrect or has been revoked.');
  const { ctx } = state;
  if (ctx.rateLimits.hit(endpoint, { app: token.appId, token: token.accessToken }, ctx.clock.nowMs()))
    throw new ApiError(CODES.rateLimited, 'Too many requests. Please retry in some time.');
  return token;
}

/** The per-advertiser limit of report/integrated/get/ (40133), separate from the app's tier. */
export function checkAdvertiserRate(state: MarketingState, endpoint: string, advertiserId: string) {
  const { ctx } = state;
  if (ctx.rateLimits.hit(endpoint, { advertiser: advertiserId }, ctx.clock.nowMs()))
    throw new ApiError(
      CODES.advertiserRateLimited,
      `Too many requests for advertiser ${advertiserId} on this path.`,
    );
}

/** The advertiser must exist (40300) and be covered by the token (40106). */
export function requireAdvertiserAccess(state: MarketingState, token: AdsToken, advertiserId: string) {
  const advertiser = state.advertisers.get(advertiserId);
  if (!advertiser) throw new ApiError(CODES.advertiserNotFound, `Advertiser ${advertiserId} does not exist.`);
  if (!token.advertiserIds.includes(advertiserId))
    throw new ApiError(
      CODES.advertiserNotInToken,
      `The access token is not authorized for advertiser_id ${advertiserId}.`,
    );
  return advertiser;
}
