'use client';

import { Progress as ProgressPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';

/**
 * A progress bar (role="progressbar" with its value). `value` null = indeterminate. Name it with
 * aria-label or aria-labelledby ("Uploading clip.mp4"); `getValueLabel` gives screen readers a better
 * reading than a percentage ("12 of 40 MB").
 */
export function Progress({
  className,
  value,
  max = 100,
  tone = 'primary',
  ...props
}: ComponentProps<typeof ProgressPrimitive.Root> & { tone?: 'primary' | 'success' | 'danger' }) {
  const percent = value == null ? null : Math.min(100, Math.max(0, (value / max) * 100));
  return (
    <ProgressPrimitive.Root
      data-slot="progress"
      value={value}
      max={max}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-muted', className)}
      {...props}
    >
      <ProgressPrimitive.Indicator
        className={cn(
          'h-full rounded-full transition-[width] duration-300',
          tone === 'success' ? 'bg-success-text' : tone === 'danger' ? 'bg-destructive' : 'bg-primary',
          percent === null && 'w-1/3 animate-pulse',
        )}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </ProgressPrimitive.Root>
  );
}
