import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';

/** Shared by every text-like control so inputs, textareas and selects line up. */
export const controlClasses = cn(
  'w-full min-w-0 rounded-md border border-input bg-card text-base text-foreground shadow-xs transition-colors sm:text-sm',
  'placeholder:text-muted-foreground',
  'focus-visible:border-ring focus-visible:outline-3 focus-visible:outline-offset-0 focus-visible:outline-ring/50',
  'disabled:cursor-not-allowed disabled:opacity-50',
  'aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive/40',
);

export function Input({ className, type = 'text', ...props }: ComponentProps<'input'>) {
  return (
    <input
      data-slot="input"
      type={type}
      className={cn(
        controlClasses,
        'h-9 px-3 py-1 read-only:bg-muted read-only:text-muted-foreground',
        'file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground',
        className,
      )}
      {...props}
    />
  );
}
