import type { IncomingMessage } from 'node:http';
import { readBody } from '../core/http';

export async function readJson<T>(req: IncomingMessage): Promise<T> {
  const raw = await readBody(req, 1024 * 1024);
  return (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as T;
}

export const control = (endpoint: string) => ({
  endpoint: `control.${endpoint}`,
  surface: 'control' as const,
});
