export type UploadProgress = {
  /** Bytes stored so far, parts from an earlier session included. */
  loadedBytes: number;
  totalBytes: number;
  /** 0–100, one decimal. */
  percent: number;
  /** Over the last few seconds; null until there is enough to tell. */
  bytesPerSecond: number | null;
  /** At the current speed; null while the speed is unknown. */
  secondsLeft: number | null;
};

const WINDOW_MS = 5_000;

/**
 * Speed over a sliding window of recent samples, so a stall shows at once and a burst does not
 * promise a finish that will not come. Bytes resumed from an earlier session count as loaded
 * but not as speed.
 */
export function createProgressTracker(totalBytes: number, clock: () => number = () => performance.now()) {
  const samples: { at: number; bytes: number }[] = [];
  return {
    update(loadedBytes: number): UploadProgress {
      const at = clock();
      samples.push({ at, bytes: loadedBytes });
      while (samples.length > 2 && at - samples[1]!.at >= WINDOW_MS) samples.shift();
      const first = samples[0]!;
      const elapsed = (at - first.at) / 1000;
      const bytesPerSecond = elapsed >= 0.5 ? Math.max(0, (loadedBytes - first.bytes) / elapsed) : null;
      const remaining = Math.max(0, totalBytes - loadedBytes);
      return {
        loadedBytes,
        totalBytes,
        percent: totalBytes === 0 ? 100 : Math.floor((loadedBytes / totalBytes) * 1000) / 10,
        bytesPerSecond,
        secondsLeft: remaining === 0 ? 0 : bytesPerSecond ? Math.ceil(remaining / bytesPerSecond) : null,
      };
    },
  };
}
