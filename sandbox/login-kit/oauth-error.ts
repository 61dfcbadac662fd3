import type { ServerResponse } from 'node:http';
import { logId } from '../core/fault-response';
import { sendJson } from '../core/http';

export type OauthErrorCode =
  | 'access_denied'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_request'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'server_error'
  | 'temporarily_unavailable';

// TikTok does not document token-error statuses. Integrators see HTTP 200 (the sandbox default);
// with the `oauthErrorsWith200` quirk off, these usual OAuth statuses are used instead.
const STATUS: Record<OauthErrorCode, number> = {
  access_denied: 403,
  invalid_client: 401,
  invalid_grant: 400,
  invalid_request: 400,
  invalid_scope: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  server_error: 500,
  temporarily_unavailable: 503,
};

/**
 * Token-host error body `{error, error_description, log_id}`. With `as200` the status is 200, as
 * integrators report from the real host (clients must look at the body, not the status).
 */
export function sendOauthError(
  res: ServerResponse,
  code: OauthErrorCode,
  description: string,
  options: { as200?: boolean } = {},
) {
  sendJson(
    res,
    options.as200 ? 200 : STATUS[code],
    { error: code, error_description: description, log_id: logId() },
    { 'x-tt-logid': logId() },
  );
}
