import type { ReactNode } from 'react';
import { Logo } from '@/components/logo';
import { cn } from '@/lib/utils/cn';

/** The logo over one narrow card in the middle of the screen: sign-in, sign-up, invitations, new workspace. */
export function CenteredCard({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10 sm:py-12">
      <Logo className="mb-8" />
      <div className={cn('w-full max-w-sm rounded-xl border bg-card p-6 shadow-sm', className)}>
        {children}
      </div>
    </main>
  );
}
