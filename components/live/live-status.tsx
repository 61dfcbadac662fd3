'use client';

import { cn } from '@/lib/utils/cn';
import type { LiveStatus as Status } from './live-feed-client';
import { useLiveFeed } from './live-feed-provider';

const LABELS: Record<Status, { text: string; dot: string; title: string }> = {
  connecting: { text: 'Connecting…', dot: 'bg-slate-300', title: 'Connecting to live updates.' },
  live: { text: 'Live', dot: 'bg-emerald-500', title: 'Changes appear here as they happen.' },
  polling: {
    text: 'Live (polling)',
    dot: 'bg-emerald-300',
    title: 'Live updates over polling: your network blocks streaming.',
  },
  offline: { text: 'Reconnecting…', dot: 'bg-amber-500', title: 'Live updates are paused; retrying.' },
  ended: { text: 'Not live', dot: 'bg-slate-400', title: 'Reload the page to see the latest changes.' },
};

/** A small indicator of the live connection, announced politely to screen readers when it changes. */
export function LiveStatus({ className }: { className?: string }) {
  const { status } = useLiveFeed();
  const label = LABELS[status];
  return (
    <span
      className={cn('inline-flex items-center gap-1.5 text-xs text-slate-500', className)}
      title={label.title}
      role="status"
      aria-live="polite"
      data-testid="live-status"
      data-status={status}
    >
      <span className={cn('size-2 rounded-full', label.dot)} aria-hidden="true" />
      {label.text}
    </span>
  );
}
