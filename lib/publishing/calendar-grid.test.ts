import { describe, expect, it } from 'vitest';
import { buildCalendar, dayKey } from './calendar-grid';

describe('buildCalendar in the workspace’s time zone', () => {
  it('a week across the spring DST change starts on Monday midnight local and ends a week later', () => {
    const grid = buildCalendar('2026-03-29', 'week', 'Europe/Berlin');
    expect(grid.days.map((d) => d.key)).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(grid.from.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    // Sunday 29 March has 23 hours in Berlin: the week ends at Monday 00:00 CEST.
    expect(grid.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(grid).toMatchObject({ previous: '2026-03-22', next: '2026-04-05' });
  });

  it('a month shows whole weeks, the outside days marked', () => {
    const grid = buildCalendar('2026-12-02', 'month', 'America/Los_Angeles');
    expect(grid.days).toHaveLength(35);
    expect(grid.days[0]).toMatchObject({ key: '2026-11-30', inRange: false });
    expect(grid.days[1]).toMatchObject({ key: '2026-12-01', inRange: true });
    expect(grid.days.at(-1)).toMatchObject({ key: '2027-01-03', inRange: false });
    expect(grid.title).toBe('December 2026');
  });

  it('a post belongs to the day of its local time, not UTC’s', () => {
    expect(dayKey(new Date('2026-12-02T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-01');
    expect(dayKey(new Date('2026-12-02T07:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-12-02');
  });
});
