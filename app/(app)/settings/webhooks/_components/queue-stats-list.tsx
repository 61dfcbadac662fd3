import type { QueueStats } from '@/lib/jobs/count-queue';
import { formatElapsed } from '@/lib/time/format-dates';

/** The queue's counts as a row of figures; the operator view adds its own (held events). */
export function QueueStatsList({
  stats,
  extra = [],
  testId,
}: {
  stats: QueueStats;
  extra?: [string, number][];
  testId: string;
}) {
  const figures: [string, string | number][] = [
    ['Due now', stats.due],
    ['Oldest due', stats.due > 0 ? formatElapsed(stats.oldestDueAgeSeconds) : '—'],
    ['Running', stats.running],
    ['Scheduled', stats.scheduled],
    ['Snoozed', stats.snoozed],
    ['Retrying', stats.retrying],
    ['Dead', stats.dead],
    ...extra,
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-8" data-testid={testId}>
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
          <dd className="mt-1 text-lg font-semibold text-foreground tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
