/** Every error code the app may show a user, with the HTTP status each maps to. */
export const ERROR_CODE_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** The password was right but the address is not confirmed yet. */
  email_unverified: 403,
  not_found: 404,
  conflict: 409,
  /** A form rendered for one workspace was sent after the user switched to another (another tab). */
  workspace_mismatch: 409,
  /** A TikTok account whose grant is gone; the user must reconnect it. */
  account_needs_reconnect: 409,
  payload_too_large: 413,
  /** State-changing routes accept JSON only (unless a route declares a raw body). */
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODE_STATUS;
