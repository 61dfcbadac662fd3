import 'server-only';
import { sql } from 'drizzle-orm';
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
  { workspaceId, type, data }: PublishLiveEventOptions<T>,
): Promise<void> {
  const json = JSON.stringify(LIVE_EVENT_TYPES[type].parse(data));
  if (json.length > MAX_DATA_BYTES) {
    throw new RangeError(`live event ${type} carries ${json.length} bytes; send ids, not content`);
  }
  await tx.execute(sql`
    with event as (
      insert into live_events (workspace_id, type, data)
      values (${workspaceId}, ${type}, ${json}::jsonb)
      returning workspace_id
    )
    select pg_notify(${LIVE_CHANNEL}, workspace_id) from event`);
}
