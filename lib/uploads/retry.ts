import { UploadError } from './upload-error';

export type RetryOptions = {
  /** Attempts after the first. */
  retries: number;
  signal?: AbortSignal;
  /** Delay before retry `n` (0-based); default exponential from 500 ms to 15 s with jitter. */
  delayMs?: (attempt: number) => number;
  /** Called before waiting, e.g. to refresh an expired URL. */
  onRetry?: (error: unknown, attempt: number) => void;
};

export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(15_000, 500 * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Whether a failure may pass on a second try: dropped connections, 408, 429 and 5xx. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof UploadError)) return false;
  if (error.code === 'network') return true;
  if (error.code !== 'server' || error.status === undefined) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Runs `attempt` until it succeeds, a failure is not retryable, or retries run out. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    throwIfAborted(options.signal);
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.retries || !isRetryable(error) || options.signal?.aborted) throw error;
      options.onRetry?.(error, n);
      await sleep((options.delayMs ?? backoffDelay)(n), options.signal);
    }
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new UploadError('aborted', 'The upload was paused.');
}

/** Waits `ms`, or rejects as paused as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(new UploadError('aborted', 'The upload was paused.'));
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
