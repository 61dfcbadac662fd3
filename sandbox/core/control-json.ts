import type { IncomingMessage } from 'node:http';
import { readBody } from './http';

/** Route meta for a control-API route: never logged, never faulted, never rate limited. */
export const control = (endpoint: string) => ({
  endpoint: `control.${endpoint}`,
  surface: 'control' as const,
});

/** A control-API JSON body (an empty body is `{}`); malformed JSON becomes the dispatcher's 400. */
export async function readJson<T>(req: IncomingMessage, limitBytes = 1024 * 1024): Promise<T> {
  const raw = await readBody(req, limitBytes);
  return (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as T;
}
