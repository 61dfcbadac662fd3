import { TZDate, tz } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addWeeks,
  endOfMonth,
  endOfWeek,
  format,
  startOfMonth,
  startOfWeek,
} from 'date-fns';

/**
 * The days a week or month view shows, in the workspace's time zone (never the server's or the
 * viewer's): weeks start on Monday, a month view shows whole weeks. Client-safe and pure.
 */
export type CalendarRange = 'week' | 'month';
export type CalendarDay = { key: string; label: string; inRange: boolean };
export type CalendarGrid = {
  days: CalendarDay[];
  from: Date;
  to: Date;
  title: string;
  previous: string;
  next: string;
};

export function dayKey(date: Date, timeZone: string): string {
  return format(date, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** `anchor` is a `yyyy-MM-dd` day in the workspace's zone. `to` is exclusive. */
export function buildCalendar(anchor: string, range: CalendarRange, timeZone: string): CalendarGrid {
  const zone = tz(timeZone);
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const day = new TZDate(y, m - 1, d, 12, 0, timeZone);
  const start =
    range === 'week'
      ? startOfWeek(day, { weekStartsOn: 1, in: zone })
      : startOfWeek(startOfMonth(day, { in: zone }), { weekStartsOn: 1, in: zone });
  const end =
    range === 'week'
      ? endOfWeek(day, { weekStartsOn: 1, in: zone })
      : endOfWeek(endOfMonth(day, { in: zone }), { weekStartsOn: 1, in: zone });
  const days: CalendarDay[] = [];
  for (let current = start; current <= end; current = addDays(current, 1, { in: zone })) {
    days.push({
      key: format(current, 'yyyy-MM-dd', { in: zone }),
      label: format(current, range === 'week' ? 'EEE d MMM' : 'd', { in: zone }),
      inRange:
        range === 'week' || format(current, 'yyyy-MM', { in: zone }) === format(day, 'yyyy-MM', { in: zone }),
    });
  }
  const step = range === 'week' ? addWeeks : addMonths;
  return {
    days,
    from: new Date(start.getTime()),
    to: new Date(end.getTime() + 1),
    title:
      range === 'week'
        ? `Week of ${format(start, 'd MMM yyyy', { in: zone })}`
        : format(day, 'MMMM yyyy', { in: zone }),
    previous: format(step(day, -1, { in: zone }), 'yyyy-MM-dd', { in: zone }),
    next: format(step(day, 1, { in: zone }), 'yyyy-MM-dd', { in: zone }),
  };
}
