import 'server-only';
import { encodeLiveCursor, type LiveCursor } from './live-cursor';
import type { LiveEvent } from './live-event-types';
import type { LiveEventRecord } from './read-live-events';

/** One event ready to send: the JSON clients get and its Server-Sent Events frame, encoded once. */
export type LiveDelivery = {
  key: Pick<LiveCursor, 'tx' | 'id'>;
  workspaceId: string;
  event: LiveEvent;
  frame: Uint8Array;
};

const encoder = new TextEncoder();

/** `at` is the time the cursor is handed out (see LiveCursor). */
export function toLiveDelivery(record: LiveEventRecord, at: number): LiveDelivery {
  const cursor = encodeLiveCursor({ tx: record.tx, id: record.id, at });
  const event = {
    cursor,
    type: record.type,
    data: record.data,
    at: new Date(record.createdAtMs).toISOString(),
  } as LiveEvent;
  return {
    key: { tx: record.tx, id: record.id },
    workspaceId: record.workspaceId,
    event,
    frame: encoder.encode(`id: ${cursor}\ndata: ${JSON.stringify(event)}\n\n`),
  };
}

export function encodeSseText(text: string): Uint8Array {
  return encoder.encode(text);
}
