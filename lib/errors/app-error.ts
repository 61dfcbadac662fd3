import { ERROR_CODE_STATUS, type ErrorCode } from './error-codes';

export type AppErrorOptions = {
  code: ErrorCode;
  /** Shown to the user as is: write it for them. */
  message: string;
  /** Per-field messages for forms. */
  fieldErrors?: Record<string, string[]>;
  /** Seconds until a rate-limited caller may retry. */
  retryAfterSeconds?: number;
  cause?: unknown;
};

/** The one error type use cases throw; transports map it to HTTP through `ERROR_CODE_STATUS`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;
  readonly retryAfterSeconds?: number;

  constructor({ code, message, fieldErrors, retryAfterSeconds, cause }: AppErrorOptions) {
    super(message, { cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return ERROR_CODE_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
