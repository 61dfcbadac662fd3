import { describe, expect, it } from 'vitest';
import { formatDaysLeft, formatElapsed, formatInZone, formatTimeAgo } from './format-dates';

const at = new Date('2026-03-29T00:30:00Z');

describe('date formatting', () => {
  it('shows a moment in the workspace’s zone, daylight saving included', () => {
    // 29 March 2026: Berlin moves to summer time at 01:00 UTC.
    expect(formatInZone(at, 'Europe/Berlin')).toBe('29 Mar 2026, 01:30 GMT+1');
    expect(formatInZone(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('29 Mar 2026, 03:30 GMT+2');
    expect(formatInZone(at, 'America/Los_Angeles', 'yyyy-MM-dd')).toBe('2026-03-28');
    expect(formatInZone(at, 'UTC')).toBe('29 Mar 2026, 00:30 GMT+0');
  });

  it('words relative times and durations', () => {
    expect(formatTimeAgo(null, at)).toBe('never');
    expect(formatTimeAgo(new Date(at.getTime() - 30_000), at)).toBe('just now');
    expect(formatTimeAgo(new Date(at.getTime() - 3 * 60_000), at)).toBe('3 minutes ago');
    expect(formatTimeAgo(new Date(at.getTime() - 50 * 3600_000), at)).toBe('2 days ago');
    expect(formatDaysLeft(new Date(at.getTime() + 25 * 3600_000), at)).toBe('2 days');
    expect(formatDaysLeft(new Date(at.getTime() + 3600_000), at)).toBe('1 day');
    expect(formatElapsed(42)).toBe('42 seconds');
    expect(formatElapsed(3725)).toBe('1 hour 2 minutes');
    expect(formatElapsed(2 * 86_400 + 3 * 3600)).toBe('2 days 3 hours');
  });
});
