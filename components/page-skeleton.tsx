import type { ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';

/**
 * What a page in the shell shows while its data loads (`loading.tsx`): the header's shape, then the
 * page's own placeholder blocks. Screen readers hear one "Loading…" instead of empty boxes.
 */
export function PageSkeleton({ actions = 0, children }: { actions?: number; children?: ReactNode }) {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <Skeleton className="h-8 w-40" />
          <Skeleton className="h-4 w-64 max-w-full" />
        </div>
        {actions > 0 ? (
          <div className="flex gap-2">
            {Array.from({ length: actions }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <Skeleton key={index} className="h-8 w-28" />
            ))}
          </div>
        ) : null}
      </div>
      {children ?? <CardSkeleton rows={3} />}
    </div>
  );
}

/** A card with a title and `rows` lines of content. */
export function CardSkeleton({ rows, avatar = false }: { rows: number; avatar?: boolean }) {
  return (
    <div className="rounded-lg border bg-card shadow-xs">
      <div className="border-b border-border/70 px-4 py-4 sm:px-5">
        <Skeleton className="h-5 w-48" />
      </div>
      <div className="divide-y divide-border/70 px-4 sm:px-5">
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <div key={index} className="flex items-start gap-4 py-4">
            {avatar ? <Skeleton className="size-12 shrink-0 rounded-full" /> : null}
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-1/3" />
              <Skeleton className="h-3 w-2/3" />
              {avatar ? <Skeleton className="h-3 w-1/2" /> : null}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
