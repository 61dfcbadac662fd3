/**
 * Why a browser upload stopped. `aborted`: paused or cancelled by the caller (resumable);
 * `rejected`: the server or the pre-check said no (the message says why; retrying will not
 * help); `network` / `server`: retries ran out (resumable later).
 */
export type UploadErrorCode = 'aborted' | 'rejected' | 'network' | 'server';

export class UploadError extends Error {
  override name = 'UploadError';
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Worth another attempt later (a resume picks up the stored parts). */
  get resumable(): boolean {
    return this.code !== 'rejected';
  }
}
