import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';
import { controlClasses } from './input';

/** Grows with its content (field-sizing) between `min-h-20` and whatever max height the caller sets. */
export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(controlClasses, 'field-sizing-content min-h-20 px-3 py-2 read-only:bg-muted', className)}
      {...props}
    />
  );
}

/**
 * "1,234 / 6,000" under a text control (pass it to Field's `counter`). The caller counts, because what
 * counts as a character differs (TikTok counts its own way). Announced politely only near and over the
 * limit, so typing is not narrated key by key.
 */
export function CharacterCount({
  count,
  max,
  className,
  ...props
}: ComponentProps<'p'> & { count: number; max: number }) {
  const over = count > max;
  const near = count >= max * 0.9;
  return (
    <p
      data-slot="character-count"
      aria-live={near ? 'polite' : 'off'}
      className={cn(
        'shrink-0 text-xs tabular-nums',
        over ? 'font-medium text-destructive-text' : near ? 'text-warning-text' : 'text-muted-foreground',
        className,
      )}
      {...props}
    >
      {count.toLocaleString('en')} / {max.toLocaleString('en')}
      <span className="sr-only">
        {over ? ` characters, ${(count - max).toLocaleString('en')} over the limit` : ' characters'}
      </span>
    </p>
  );
}
