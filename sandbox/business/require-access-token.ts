import type { IncomingMessage } from 'node:http';
import { ApiError, CODES } from './api-error';
import type { BusinessState } from './business-state';
import { readAccessTokenHeader } from './read-access-token-header';
import type { BusinessToken } from './token-store';

/**
 * Resolves the `Access-Token` header (raw token, no Bearer) to a live business token, and counts
 * the call against the app's rate limits (40100 when one is exhausted).
 */
export function requireAccessToken(
  state: BusinessState,
  req: IncomingMessage,
  endpoint: string,
): BusinessToken {
  const raw = readAccessTokenHeader(req);
  const token = state.tokens.byAccessToken(raw);
  if (!token || token.accessRevoked)
    throw new ApiError(CODES.accessTokenInvalid, 'Access token is incorrect or has been revoked.');
  if (token.accessExpiresAtMs <= state.ctx.clock.nowMs())
    throw new ApiError(CODES.accessTokenExpired, 'Access token has expired.');
  const ids = { token: token.accessToken, app: token.appId };
  if (state.ctx.rateLimits.hit(endpoint, ids, state.ctx.clock.nowMs()))
    throw new ApiError(CODES.rateLimited, 'Too many requests. Please retry in some time.');
  return token;
}

export function requireScope(token: BusinessToken, scope: string) {
  if (!token.scopes.includes(scope))
    throw new ApiError(CODES.noPermission, `No permission: the scope ${scope} was not authorized.`);
}

/** `business_id` must be the token's own open_id; another account's id is a permission error. */
export function requireOwnBusinessId(token: BusinessToken, businessId: string) {
  if (businessId !== token.openId)
    throw new ApiError(CODES.noPermission, `No permission to operate business_id ${businessId}.`);
}
