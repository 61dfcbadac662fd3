import { type SQL, sql } from 'drizzle-orm';
import { clockOffsetMs } from '@/lib/time/clock';

/**
 * The database's `now()` moved by the app clock's offset (lib/time/clock.ts): app time, as SQL. Run
 * times and schedules are stored in app time and compared with this, so moving the app clock in a
 * test makes scheduled work due. Leases stay on the real `now()`: they measure real seconds.
 */
export function appNowSql(): SQL {
  const offsetMs = clockOffsetMs();
  return offsetMs === 0 ? sql`now()` : sql`(now() + make_interval(secs => ${offsetMs / 1000}))`;
}
