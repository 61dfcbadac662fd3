'use client';

import type { LiveEventType } from '@/lib/live/live-event-types';
import { useLiveRefresh } from './live-feed-provider';

/** Drop into a server-rendered page to re-render it live when these events arrive. */
export function LiveRefresh({ types, since }: { types: readonly LiveEventType[]; since: string }) {
  useLiveRefresh(types, since);
  return null;
}
