import { formatBytes } from './media-purposes';
import type { UploadProgress } from './upload-progress';

/** "12.5 MB of 40 MB · 31 % · 4.2 MB/s · about 7 s left", the parts a progress bar shows. */
export function describeProgress(progress: UploadProgress) {
  return {
    bytes: `${formatBytes(progress.loadedBytes)} of ${formatBytes(progress.totalBytes)}`,
    percent: `${Math.floor(progress.percent)} %`,
    speed: progress.bytesPerSecond === null ? null : `${formatBytes(progress.bytesPerSecond)}/s`,
    timeLeft: progress.secondsLeft === null ? null : describeSecondsLeft(progress.secondsLeft),
  };
}

export function describeSecondsLeft(seconds: number): string {
  if (seconds <= 0) return 'finishing';
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min left`;
}
