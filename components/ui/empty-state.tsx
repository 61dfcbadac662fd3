import type { ReactNode } from 'react';
import { cn } from '@/lib/utils/cn';

/** What a section shows before it has content: what it will hold and what to do first. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  className,
  contentClassName,
  headingLevel = 'h2',
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
  /** The text column is max-w-xl; widen it for content such as a row of cards. */
  contentClassName?: string;
  headingLevel?: 'h2' | 'h3';
}) {
  const Heading = headingLevel;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        'flex flex-col items-center rounded-lg border border-dashed border-input bg-card px-4 py-12 text-center sm:px-6 sm:py-14',
        className,
      )}
    >
      {icon ? (
        <div
          className="flex size-12 items-center justify-center rounded-full bg-brand-subtle text-primary [&_svg]:size-6"
          aria-hidden
        >
          {icon}
        </div>
      ) : null}
      <Heading className={cn('text-lg font-semibold text-foreground', icon && 'mt-4')}>{title}</Heading>
      {children ? (
        <div className={cn('mt-2 max-w-xl text-sm text-muted-foreground', contentClassName)}>{children}</div>
      ) : null}
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
