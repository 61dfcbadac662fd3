import { tz } from '@date-fns/tz';
import { format, formatDistanceStrict, formatDuration, intervalToDuration } from 'date-fns';

/**
 * Dates as the team reads them: in the workspace's time zone (never the server's or the viewer's,
 * so everyone sees the same value and server and browser render alike). Client-safe.
 */
export function formatInZone(date: Date, timeZone: string, pattern = 'd MMM yyyy, HH:mm zzz'): string {
  return format(date, pattern, { in: tz(timeZone) });
}

/** "just now", "3 minutes ago", "2 days ago", "never". */
export function formatTimeAgo(date: Date | null, now: Date): string {
  if (!date) return 'never';
  if (now.getTime() - date.getTime() < 60_000) return 'just now';
  return formatDistanceStrict(date, now, { addSuffix: true, roundingMethod: 'round' });
}

/** Whole days from `now` until `date`, counting a started day: "1 day", "14 days". */
export function formatDaysLeft(date: Date, now: Date): string {
  return formatDistanceStrict(date, now, { unit: 'day', roundingMethod: 'ceil' });
}

/** A duration in seconds as "45 seconds", "3 minutes", "1 hour 5 minutes", "2 days". */
export function formatElapsed(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} seconds`;
  const units = seconds >= 86_400 ? (['days', 'hours'] as const) : (['hours', 'minutes'] as const);
  return formatDuration(intervalToDuration({ start: 0, end: seconds * 1000 }), { format: [...units] });
}
