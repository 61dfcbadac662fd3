import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';

/** A placeholder block while content loads. Decorative: put one polite "Loading…" on the region instead. */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden
      className={cn('animate-pulse rounded-md bg-muted', className)}
      {...props}
    />
  );
}
