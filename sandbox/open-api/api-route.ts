import type { ServerResponse } from 'node:http';
import type { SandboxContext } from '../core/context';
import { readBody } from '../core/http';
import type { RouteRequest, Router } from '../core/router';
import {
  bearerToken,
  type LoginKitSession,
  resolveLoginKitToken,
} from '../login-kit/resolve-login-kit-token';
import { ApiError, sendApiError, sendOk } from './envelope';

export type ApiCall = {
  session: LoginKitSession;
  url: URL;
  res: ServerResponse;
  /** Parsed JSON body (empty object when there is none). */
  body: Record<string, unknown>;
};

type ApiRouteOptions = {
  method: 'GET' | 'POST';
  path: string;
  endpoint: string;
  /** The token needs at least one of these scopes. */
  anyScope: string[];
  handler: (call: ApiCall) => Promise<unknown> | unknown;
};

/**
 * One wrapper for every Open API route: bearer token → scope → per-token rate limit → JSON body,
 * then the handler's return value is sent as `data`, and an ApiError as the error envelope.
 */
export function addApiRoute(router: Router, ctx: SandboxContext, options: ApiRouteOptions) {
  router.add(
    options.method,
    options.path,
    { endpoint: options.endpoint, surface: 'open-api' },
    async (request) => {
      const { res, url } = request;
      const token = bearerToken(request.req.headers.authorization);
      const session = token ? resolveLoginKitToken(ctx, token) : null;
      if (!session) {
        return sendApiError(
          res,
          'access_token_invalid',
          'The access token is invalid or not found in the request.',
        );
      }
      if (!options.anyScope.some((scope) => session.scopes.includes(scope))) {
        return sendApiError(
          res,
          'scope_not_authorized',
          `The user did not authorize the scope required for completing this request: ${options.anyScope.join(' or ')}.`,
        );
      }
      const ids = { token: session.token, app: session.appId };
      if (ctx.rateLimits.hit(options.endpoint, ids, ctx.clock.nowMs())) {
        return sendApiError(res, 'rate_limit_exceeded', 'API rate limit was exceeded; try again later.');
      }
      const body = options.method === 'POST' ? await readJson(request) : {};
      if (body === null) return sendApiError(res, 'invalid_params', 'The request body is not valid JSON.');
      try {
        const data = await options.handler({ session, url, res, body });
        if (!res.headersSent) sendOk(res, data);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        sendApiError(res, err.code, err.message, err.status);
      }
    },
  );
}

async function readJson(request: RouteRequest): Promise<Record<string, unknown> | null> {
  const raw = await readBody(request.req, 1024 * 1024);
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
