import 'server-only';
import { sql } from 'drizzle-orm';
import { appNowSql } from '@/lib/db/app-now-sql';
import { rowsOf } from '@/lib/db/rows-of';
import type { Db } from '@/lib/db/types';
import { DEFAULT_MAX_ATTEMPTS } from '@/lib/jobs/build-job-row';
import { receivedNamesFor } from './event-handlers';
import { processWebhookEventJob } from './jobs';
import type { WebhookEventHandlers } from './webhook-event-handler';

const BATCH = 1000;

/**
 * Puts events held for lack of a handler back in the queue once this deploy has one: each goes
 * back to `pending` with a new processing job, in one statement per batch (event and job commit
 * together). Their jobs are due at the time the event arrived, so the backlog runs in arrival
 * order. Cheap when nothing is held (a partial index). Returns how many were replayed.
 */
export async function replayHeldWebhookEvents(db: Db, handlers: WebhookEventHandlers): Promise<number> {
  const names = receivedNamesFor(handlers);
  if (names.length === 0) return 0;
  let total = 0;
  for (;;) {
    const result = await db.execute(sql`
      with held as (
        select id from webhook_events
        where status = 'held' and event in (select jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))
        order by received_at
        limit ${BATCH}
        for update skip locked
      ),
      replayed as (
        update webhook_events e set status = 'pending', note = null
        from held where e.id = held.id
        returning e.id, e.user_openid, e.received_at
      )
      insert into jobs (id, type, payload, max_attempts, account_open_id, run_at)
      select gen_random_uuid()::text, ${processWebhookEventJob.type}, jsonb_build_object('eventId', id),
             ${processWebhookEventJob.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}, user_openid,
             least(received_at, ${appNowSql()})
      from replayed
      returning id`);
    const replayed = rowsOf<{ id: string }>(result).length;
    total += replayed;
    if (replayed < BATCH) return total;
  }
}
