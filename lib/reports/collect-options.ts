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
};

/** The days whose files the collection changed and must (re)write. */
export type CollectResult = { days: string[] };
