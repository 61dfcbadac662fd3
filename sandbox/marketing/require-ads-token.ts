import type { IncomingMessage } from 'node:http';
import { ApiError, CODES } from '../business/api-error';
import { readAccessTokenHeader } from '../business/read-access-token-header';
import type { AdsToken } from './ads-token-store';
import type { MarketingState } from './marketing-state';

/** `Access-Token` header → live advertiser token; also counts the call against the app's rate limit. */
export function requireAdsToken(state: MarketingState, req: IncomingMessage): AdsToken {
  const raw = readAccessTokenHeader(req);
  const token = state.tokens.get(raw);
  if (!token || token.revoked)
    throw new ApiError(CODES.accessTokenInvalid, 'Access token is incorrect or has been revoked.');
  state.limiter.checkApp(token.appId);
  return token;
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
