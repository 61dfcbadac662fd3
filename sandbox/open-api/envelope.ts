import type { ServerResponse } from 'node:http';
import { logId } from '../core/fault-response';
import { sendJson } from '../core/http';

/** Open API error codes with the HTTP status TikTok pairs them with. */
export const API_ERRORS = {
  access_token_invalid: 401,
  scope_not_authorized: 401,
  scope_permission_missed: 400,
  invalid_params: 400,
  invalid_file_upload: 400,
  invalid_publish_id: 400,
  token_not_authorized_for_specified_publish_id: 400,
  publish_not_cancellable: 400,
  app_version_check_failed: 400,
  rate_limit_exceeded: 429,
  spam_risk_too_many_posts: 403,
  spam_risk_too_many_pending_share: 403,
  spam_risk_user_banned_from_posting: 403,
  reached_active_user_cap: 403,
  unaudited_client_can_only_post_to_private_accounts: 403,
  url_ownership_unverified: 403,
  privacy_level_option_mismatch: 403,
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

const headers = () => ({ 'x-tt-logid': logId() });

/** `{data, error: {code: "ok", message: "", log_id}}`: the v2 success envelope. */
export function sendOk(res: ServerResponse, data: unknown) {
  sendJson(res, 200, { data, error: { code: 'ok', message: '', log_id: logId() } }, headers());
}

/** Failures carry `data: {}`; `status` overrides the table for TikTok's HTTP-200 business errors. */
export function sendApiError(res: ServerResponse, code: ApiErrorCode, message: string, status?: number) {
  sendJson(
    res,
    status ?? API_ERRORS[code],
    { data: {}, error: { code, message, log_id: logId() } },
    headers(),
  );
}

/** An error a use case raises; route wrappers turn it into the envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
