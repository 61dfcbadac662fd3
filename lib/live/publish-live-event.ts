import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/types';
import { LIVE_EVENT_TYPES, type LiveEventData, type LiveEventType } from './live-event-types';

/** The NOTIFY channel; its payload is the workspace id, so instances with no listener there ignore it. */
export const LIVE_CHANNEL = 'tokdesk_live';
/** Events name what changed, they do not carry it: readers fetch the details they are allowed to see. */
const MAX_DATA_BYTES = 2048;

export type PublishLiveEventOptions<T extends LiveEventType> = {
  workspaceId: string;
  type: T;
  data: LiveEventData<T>;
};

/**
 * Adds an event to the workspace's live feed. Pass the transaction of the change itself: the event
 * then commits with it or not at all, and listeners see it only once the change is visible. The
 * NOTIFY in the same statement is delivered by Postgres at commit and wakes every instance's
 * poller at once; instances that cannot LISTEN (behind a pooler) find the row on their next poll.
 */
export async function publishLiveEvent<T extends LiveEventType>(
  tx: Db,
  event: PublishLiveEventOptions<T>,
): Promise<void> {
  await tx.execute(sql`with ${liveEventCte(event, null)} select 1`);
}

/**
 * The same insert and NOTIFY as a CTE (named `live_event`) for a statement that writes the change
 * itself, so a hot path saves a round trip: with `onlyIfRowsIn`, the event is added only when that
 * CTE of the statement returned rows (the change happened), and nothing is sent otherwise.
 */
export function liveEventCte<T extends LiveEventType>(
  { workspaceId, type, data }: PublishLiveEventOptions<T>,
  onlyIfRowsIn: string | null,
): SQL {
  const json = JSON.stringify(LIVE_EVENT_TYPES[type].parse(data));
  if (json.length > MAX_DATA_BYTES) {
    throw new RangeError(`live event ${type} carries ${json.length} bytes; send ids, not content`);
  }
  const source = onlyIfRowsIn ? sql`from ${sql.identifier(onlyIfRowsIn)} limit 1` : sql``;
  // pg_notify sits in the row source, so it runs exactly when the row is written (an unused
  // volatile column is never optimised away), and in the statement that data-modifying CTEs always run.
  return sql`live_event as (
    insert into live_events (workspace_id, type, data)
    select workspace_id, type, data from (
      select ${workspaceId}::text as workspace_id, ${type}::text as type, ${json}::jsonb as data,
             pg_notify(${LIVE_CHANNEL}, ${workspaceId}) as notified
      ${source}
    ) as event
    returning id
  )`;
}
