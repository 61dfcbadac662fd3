import Link from 'next/link';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/utils/cn';

/**
 * Tabs that are pages: a labelled <nav> of links, the current one marked aria-current="page". The
 * row scrolls sideways on narrow screens instead of wrapping.
 */
export function TabNav({
  className,
  label,
  children,
}: {
  className?: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <nav aria-label={label} className={cn('-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0', className)}>
      <div className="flex min-w-max gap-1 border-b">{children}</div>
    </nav>
  );
}

export function TabNavLink({
  active,
  className,
  ...props
}: ComponentProps<typeof Link> & { active: boolean }) {
  return (
    <Link
      aria-current={active ? 'page' : undefined}
      className={cn(
        '-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
        active
          ? 'border-primary text-brand-text'
          : 'border-transparent text-muted-foreground hover:border-input hover:text-foreground',
        className,
      )}
      {...props}
    />
  );
}
