import { AppError } from '@/lib/errors/app-error';
import type { ErrorCode } from '@/lib/errors/error-codes';

/**
 * Why a connection attempt failed, each with its `AppError` code and the sentence users read.
 * The callback can only answer with a redirect, so the reason crosses it as data
 * (`/accounts?error=<reason>`) and the dashboard looks the sentence up here. Client-safe.
 */
export const CONNECT_FAILURES = {
  missing_parameters: {
    code: 'bad_request',
    message: 'TikTok sent us back without the information we need. Please try connecting again.',
  },
  invalid_state: {
    code: 'bad_request',
    message:
      'This connection link is not valid any more: it was already used, or was started by another user or in another workspace. Please start again from this page.',
  },
  session_expired: {
    code: 'unauthenticated',
    message: 'The connection took longer than 10 minutes or your sign-in expired. Please start again.',
  },
  access_denied: {
    code: 'forbidden',
    message: 'You cancelled the connection on TikTok, so nothing was connected.',
  },
  ungranted_scopes: {
    code: 'unprocessable_entity',
    message: 'Some permissions were not granted, so the account was not connected.',
  },
  token_exchange_failed: {
    code: 'bad_request',
    message:
      'TikTok did not accept the authorization (it may have expired or been used already). Please try again.',
  },
  profile_failed: {
    code: 'service_unavailable',
    message: 'We connected to TikTok but could not read the account’s profile. Please try again in a moment.',
  },
  unexpected_error: {
    code: 'internal_error',
    message: 'Something went wrong while connecting. Please try again.',
  },
} as const satisfies Record<string, { code: ErrorCode; message: string }>;

export type ConnectFailure = keyof typeof CONNECT_FAILURES;

/** The sentence for a `?error=` value; anything unknown reads as the generic failure. */
export function describeConnectFailure(reason: string): string {
  const known = Object.hasOwn(CONNECT_FAILURES, reason) ? (reason as ConnectFailure) : 'unexpected_error';
  return CONNECT_FAILURES[known].message;
}

/** Thrown inside the callback use cases; `missingScopes` is extra, non-secret context for the page. */
export class ConnectError extends AppError {
  readonly reason: ConnectFailure;
  readonly missingScopes?: string[];

  constructor(reason: ConnectFailure, options: { missingScopes?: string[]; cause?: unknown } = {}) {
    super({ ...CONNECT_FAILURES[reason], cause: options.cause });
    this.name = 'ConnectError';
    this.reason = reason;
    this.missingScopes = options.missingScopes;
  }
}
