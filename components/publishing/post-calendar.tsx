import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { type CalendarGrid, dayKey } from '@/lib/publishing/calendar-grid';
import type { PostView } from '@/lib/publishing/list-posts';
import { formatInZone } from '@/lib/time/format-dates';
import { cn } from '@/lib/utils/cn';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Week or month of posts in the workspace's time zone; on phones the days stack as a list. */
export function PostCalendar({
  grid,
  posts,
  timeZone,
  range,
}: {
  grid: CalendarGrid;
  posts: PostView[];
  timeZone: string;
  range: 'week' | 'month';
}) {
  const byDay = new Map<string, PostView[]>();
  for (const post of posts) {
    const key = dayKey(post.scheduledAt ?? post.createdAt, timeZone);
    byDay.set(key, [...(byDay.get(key) ?? []), post]);
  }
  const href = (day: string, nextRange = range) => `/publish?view=calendar&range=${nextRange}&day=${day}`;
  return (
    <section aria-label="Calendar" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild size="sm" variant="ghost">
          <Link href={href(grid.previous)}>Previous</Link>
        </Button>
        <h2 className="font-medium">{grid.title}</h2>
        <Button asChild size="sm" variant="ghost">
          <Link href={href(grid.next)}>Next</Link>
        </Button>
        <span className="text-xs text-muted-foreground">Times in {timeZone}</span>
        <span className="ml-auto flex gap-1">
          <Button asChild size="sm" variant={range === 'week' ? 'secondary' : 'ghost'}>
            <Link href={href(grid.days[0]?.key ?? grid.next, 'week')}>Week</Link>
          </Button>
          <Button asChild size="sm" variant={range === 'month' ? 'secondary' : 'ghost'}>
            <Link href={href(grid.days.find((d) => d.inRange)?.key ?? grid.next, 'month')}>Month</Link>
          </Button>
        </span>
      </div>
      <div className="hidden grid-cols-7 gap-px text-xs text-muted-foreground sm:grid">
        {WEEKDAYS.map((day) => (
          <div key={day} className="px-2">
            {day}
          </div>
        ))}
      </div>
      <ol className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border bg-border sm:grid-cols-7">
        {grid.days.map((day) => {
          const items = byDay.get(day.key) ?? [];
          return (
            <li
              key={day.key}
              data-testid="calendar-day"
              data-day={day.key}
              className={cn(
                'min-h-24 bg-background p-2',
                !day.inRange && 'bg-muted/40 text-muted-foreground',
                items.length === 0 && 'max-sm:hidden',
              )}
            >
              <p className="text-xs font-medium">{day.label}</p>
              <ul className="mt-1 space-y-1">
                {items.map((post) => (
                  <li key={post.id} className="rounded border px-1.5 py-1 text-xs">
                    <p className="font-medium tabular-nums">
                      {formatInZone(post.scheduledAt ?? post.createdAt, timeZone, 'HH:mm')}
                    </p>
                    <p className="truncate">
                      {post.caption || (post.mode === 'inbox' ? 'Inbox draft' : 'No caption')}
                    </p>
                    <p className="flex flex-wrap gap-1">
                      {post.targets.map((target) => (
                        <Badge
                          key={target.id}
                          variant={
                            target.stage === 'failed'
                              ? 'danger'
                              : target.stage === 'published' || target.stage === 'inbox'
                                ? 'success'
                                : 'neutral'
                          }
                        >
                          {target.username ? `@${target.username}` : 'account'} ·{' '}
                          {target.stage.replace('_', ' ')}
                        </Badge>
                      ))}
                    </p>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
