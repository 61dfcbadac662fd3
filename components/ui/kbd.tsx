import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils/cn';

/** A key as printed on the keyboard: <Kbd>j</Kbd>, <KbdGroup><Kbd>⌘</Kbd><Kbd>K</Kbd></KbdGroup>. */
export function Kbd({ className, ...props }: ComponentProps<'kbd'>) {
  return (
    <kbd
      data-slot="kbd"
      className={cn(
        'inline-flex h-5 min-w-5 items-center justify-center rounded border border-b-2 bg-muted px-1 font-sans text-[0.7rem] font-medium text-muted-foreground select-none',
        className,
      )}
      {...props}
    />
  );
}

export function KbdGroup({ className, ...props }: ComponentProps<'kbd'>) {
  return <kbd data-slot="kbd-group" className={cn('inline-flex items-center gap-1', className)} {...props} />;
}
