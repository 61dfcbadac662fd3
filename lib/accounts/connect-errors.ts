/**
 * Why a connection attempt failed, as the callback reports it to the dashboard (`?error=<code>`).
 * Client-safe: the dashboard turns the code into one of these sentences.
 */
export const CONNECT_ERROR_MESSAGES = {
  missing_parameters: 'TikTok sent us back without the information we need. Please try connecting again.',
  invalid_state:
    'This connection link is not valid any more: it was already used, or was started by another user or in another workspace. Please start again from this page.',
  session_expired: 'The connection took longer than 10 minutes or your sign-in expired. Please start again.',
  access_denied: 'You cancelled the connection on TikTok, so nothing was connected.',
  ungranted_scopes: 'Some permissions were not granted, so the account was not connected.',
  token_exchange_failed:
    'TikTok did not accept the authorization (it may have expired or been used already). Please try again.',
  profile_failed:
    'We connected to TikTok but could not read the account’s profile. Please try again in a moment.',
  unexpected_error: 'Something went wrong while connecting. Please try again.',
} as const;

export type ConnectErrorCode = keyof typeof CONNECT_ERROR_MESSAGES;

export function isConnectErrorCode(value: string): value is ConnectErrorCode {
  return Object.hasOwn(CONNECT_ERROR_MESSAGES, value);
}

/** Thrown inside the callback use cases; `detail` is extra, non-secret context (e.g. missing scopes). */
export class ConnectError extends Error {
  readonly code: ConnectErrorCode;
  readonly missingScopes?: string[];

  constructor(code: ConnectErrorCode, options: { missingScopes?: string[]; cause?: unknown } = {}) {
    super(CONNECT_ERROR_MESSAGES[code], { cause: options.cause });
    this.name = 'ConnectError';
    this.code = code;
    this.missingScopes = options.missingScopes;
  }
}
