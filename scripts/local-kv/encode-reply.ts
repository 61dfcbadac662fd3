import type { KvReply } from './kv-backend';

export type JsonReply = string | number | null | JsonReply[];

/**
 * Shapes a reply for the wire. With `Upstash-Encoding: base64` every string, at any depth, is sent
 * as base64 of its bytes, which is what @upstash/redis decodes; numbers and nulls pass as they are.
 */
export function encodeReply(reply: KvReply, base64: boolean): JsonReply {
  if (reply === null || typeof reply === 'number') return reply;
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  const bytes = typeof reply === 'string' ? Buffer.from(reply, 'utf8') : reply;
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}
