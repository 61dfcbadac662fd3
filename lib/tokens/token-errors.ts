import 'server-only';
import { AppError } from '@/lib/errors/app-error';

/** The account cannot produce a token until someone reconnects it; the UI says exactly that. */
export class AccountNeedsReconnectError extends AppError {
  readonly accountId: string;

  constructor(accountId: string, disconnected = false, cause?: unknown) {
    super({
      code: 'account_needs_reconnect',
      message: disconnected
        ? 'This TikTok account is disconnected. Reconnect it on the Accounts page to use it again.'
        : 'TikTok no longer accepts this account’s connection. Reconnect it on the Accounts page.',
      cause,
    });
    this.name = 'AccountNeedsReconnectError';
    this.accountId = accountId;
  }
}

/** TikTok or our lock store did not cooperate this time; the account is fine and a later try may work. */
export class TokenRefreshFailedError extends AppError {
  readonly accountId: string;

  constructor(accountId: string, cause?: unknown) {
    super({
      code: 'service_unavailable',
      message: 'TikTok is not answering right now. Please try again in a minute.',
      retryAfterSeconds: 30,
      cause,
    });
    this.name = 'TokenRefreshFailedError';
    this.accountId = accountId;
  }
}
