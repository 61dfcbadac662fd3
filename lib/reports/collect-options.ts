import { TryLaterError } from '@/lib/errors/try-later-error';

export type CollectOptions = {
  workspaceId: string;
  accountId: string;
  /** The run's workspace-local date. */
  day: string;
  collectedAt: Date;
  settleDays: number;
  /** What a previous, interrupted attempt of this account saved. */
  progress: Record<string, unknown>;
  saveProgress: (progress: Record<string, unknown>) => Promise<void>;
  signal?: AbortSignal;
  /**
   * True once this attempt has used its time slice: the collector then stops at its next saved
   * point with `sliceEnded()` → `TryLaterError(…, 0)`, and the job continues at once in a fresh
   * attempt instead of running into its timeout (which would cost an attempt and a retry backoff).
   */
  sliceEnded?: () => boolean;
};

/** Throws the zero-delay snooze that continues a collection in the job's next run. */
export function yieldIfSliceEnded(options: Pick<CollectOptions, 'sliceEnded'>) {
  if (options.sliceEnded?.()) {
    throw new TryLaterError("This account's collection continues where it stopped.", 0);
  }
}

/** The days whose files the collection changed and must (re)write. */
export type CollectResult = { days: string[] };
