'use client';

import { describeProgress } from '@/lib/uploads/format-progress';
import type { UploadProgress } from '@/lib/uploads/upload-progress';
import { cn } from '@/lib/utils/cn';

export type UploadProgressBarProps = {
  progress: UploadProgress | null;
  /** The file's name, for screen readers. */
  label: string;
  paused?: boolean;
  className?: string;
};

/** A real progress bar: bytes, percent, speed and time left, announced to screen readers. */
export function UploadProgressBar({ progress, label, paused = false, className }: UploadProgressBarProps) {
  const percent = progress?.percent ?? 0;
  const text = progress ? describeProgress(progress) : null;
  return (
    <div className={cn('space-y-1', className)}>
      <div
        role="progressbar"
        aria-label={`Uploading ${label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(percent)}
        aria-valuetext={text ? `${text.percent}, ${text.bytes}` : 'Starting'}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn(
            'h-full rounded-full transition-[width] duration-300',
            paused ? 'bg-slate-400' : 'bg-brand-600',
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="flex flex-wrap gap-x-2 text-xs text-slate-600 tabular-nums">
        {text ? (
          <>
            <span>{text.percent}</span>
            <span>{text.bytes}</span>
            {paused ? <span>paused</span> : null}
            {!paused && text.speed ? <span>{text.speed}</span> : null}
            {!paused && text.timeLeft ? <span>{text.timeLeft}</span> : null}
          </>
        ) : (
          <span>Starting…</span>
        )}
      </p>
    </div>
  );
}
