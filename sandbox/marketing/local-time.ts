import { DAY_MS, isoDate, parseIsoDate } from '../core/seeded-number';

/** Date (`YYYY-MM-DD`) and hour at `ms` in an IANA zone: report dates are advertiser-local. */
export function localTime(timeZone: string, ms: number) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round(((parseIsoDate(to) ?? 0) - (parseIsoDate(from) ?? 0)) / DAY_MS);
}

/** Every date from `from` to `to`, inclusive. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  const end = parseIsoDate(to) ?? 0;
  for (let day = parseIsoDate(from) ?? 0; day <= end; day += DAY_MS) out.push(isoDate(day));
  return out;
}
