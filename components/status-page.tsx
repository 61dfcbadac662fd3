import type { ReactNode } from 'react';
import { cn } from '@/lib/utils/cn';

/** A full-page message (not found, no access, something failed) with a way forward. */
export function StatusPage({
  code,
  title,
  children,
  action,
  className,
  inShell = false,
}: {
  code?: string;
  title: string;
  children: ReactNode;
  action: ReactNode;
  className?: string;
  /** Rendered inside the app shell, which already has the page's <main>. */
  inShell?: boolean;
}) {
  const Root = inShell ? 'div' : 'main';
  return (
    <Root
      className={cn(
        'flex flex-col items-center justify-center gap-3 px-4 py-12 text-center',
        inShell ? 'min-h-[60vh]' : 'min-h-dvh',
        className,
      )}
    >
      {code ? <p className="text-sm font-semibold text-brand-text">{code}</p> : null}
      <h1 className="text-2xl font-semibold tracking-tight text-balance text-foreground">{title}</h1>
      <div className="max-w-md text-sm text-muted-foreground">{children}</div>
      <div className="mt-3 flex flex-wrap justify-center gap-2">{action}</div>
    </Root>
  );
}
