import { AppError } from '@/lib/errors/app-error';

export type DecryptionFailure = 'malformed' | 'unknown_key' | 'authentication_failed';

/**
 * A stored secret could not be decrypted. The user-facing message is deliberately generic: the
 * `reason` is for logs and operators, and neither carries key material, ciphertext or plaintext.
 */
export class DecryptionError extends AppError {
  readonly reason: DecryptionFailure;

  constructor(reason: DecryptionFailure) {
    super({
      code: 'internal_error',
      message: 'A stored credential could not be read. Reconnect the account or contact support.',
    });
    this.name = 'DecryptionError';
    this.reason = reason;
  }
}

export function isDecryptionError(error: unknown): error is DecryptionError {
  return error instanceof DecryptionError;
}
