import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { getLiveHead } from './get-live-head';
import { encodeLiveCursor } from './live-cursor';

/**
 * The feed's end, read once per request. A live page awaits it before reading its data and hands
 * it to the browser (the layout's provider gets the same value), so nothing committed after the
 * read is missed.
 */
export const getRequestLiveCursor = cache(
  async (): Promise<string> => encodeLiveCursor(await getLiveHead(await getDb())),
);
