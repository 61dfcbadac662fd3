import type { IncomingMessage } from 'node:http';
import { readBody } from '../core/http';

/** Reads an `application/x-www-form-urlencoded` body (the token host and the consent form use it). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const raw = await readBody(req, 1024 * 1024);
  return new URLSearchParams(raw.toString('utf8'));
}
