/**
 * A position in the live feed: every event ordered at or before (`tx`, `id`) has been delivered.
 * `at` is when the position was handed out, so a client returning after the feed was pruned is
 * told to reload instead of silently missing events. Opaque to clients: `<tx>.<id>.<at>`.
 */
export type LiveCursor = { tx: number; id: number; at: number };

const FORMAT = /^(\d{1,18})\.(\d{1,18})\.(\d{1,15})$/;

export function encodeLiveCursor({ tx, id, at }: LiveCursor): string {
  return `${tx}.${id}.${at}`;
}

/** Null for anything that is not a cursor we issued (treated as "no cursor"). */
export function parseLiveCursor(value: string | null | undefined): LiveCursor | null {
  const match = value ? FORMAT.exec(value.trim()) : null;
  if (!match) return null;
  const [tx, id, at] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return Number.isSafeInteger(tx) && Number.isSafeInteger(id) && Number.isSafeInteger(at)
    ? { tx, id, at }
    : null;
}

/** Negative, zero or positive as `a` is ordered before, at or after `b` (`at` is not part of the order). */
export function compareLiveCursors(a: Pick<LiveCursor, 'tx' | 'id'>, b: Pick<LiveCursor, 'tx' | 'id'>) {
  return a.tx - b.tx || a.id - b.id;
}
