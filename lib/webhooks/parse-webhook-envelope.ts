import { z } from 'zod';
import { jsonIsStorable, parseTikTokJson, storableText } from '@/lib/tiktok/http/tiktok-json';

// Loose on purpose: TikTok adds fields, and a signed event must be stored even when odd-shaped.
const envelopeSchema = z.looseObject({
  client_key: z.string().optional().catch(undefined),
  event: z.string().max(200).optional().catch(undefined),
  create_time: z.number().int().nonnegative().optional().catch(undefined),
  user_openid: z.string().max(200).optional().catch(undefined),
  content: z.unknown().optional(),
});

export type WebhookEnvelope = {
  /** `unknown` when the body has no event name (or is not JSON). */
  event: string;
  clientKey: string | null;
  userOpenId: string | null;
  occurredAt: Date | null;
  /** Whether the body is JSON that Postgres accepts as jsonb as it is. */
  isJson: boolean;
};

/** Reads the envelope fields we index on; never throws, whatever was signed. */
export function parseWebhookEnvelope(text: string): WebhookEnvelope {
  let json: unknown;
  try {
    json = parseTikTokJson(text);
  } catch {
    try {
      // Valid JSON the lossless parser refuses (duplicate keys): the envelope's own fields hold no ids.
      json = JSON.parse(text);
    } catch {
      return { event: 'unknown', clientKey: null, userOpenId: null, occurredAt: null, isJson: false };
    }
  }
  const parsed = envelopeSchema.safeParse(json);
  const envelope = parsed.success ? parsed.data : undefined;
  const createTime = envelope?.create_time;
  return {
    event: storable(envelope?.event) || 'unknown',
    clientKey: storable(envelope?.client_key) || null,
    userOpenId: storable(envelope?.user_openid) || null,
    // Seconds, per the docs; the sanity bound keeps a millisecond value from becoming year 50000.
    occurredAt: createTime !== undefined && createTime < 1e11 ? new Date(createTime * 1000) : null,
    // jsonb refuses NUL and unpaired surrogates inside strings, which JSON allows: such a body is
    // stored as text instead of failing on every retry.
    isJson: typeof json === 'object' && json !== null && jsonIsStorable(text),
  };
}

// The JSON.parse fallback above does not clean strings the way parseTikTokJson does.
function storable(value: string | undefined): string | undefined {
  return value === undefined ? undefined : storableText(value);
}

/**
 * `content` is a JSON-encoded string inside the JSON envelope: parse it a second time, losslessly
 * and with what Postgres text cannot hold cleaned out (its own escapes can spell a NUL). Its ids
 * (`post_id`, `message_id`, …) can be 19-digit numbers: those come back as digit strings, never
 * rounded through a JS number.
 */
export function parseWebhookContent(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('content' in payload)) return null;
  const { content } = payload;
  if (typeof content !== 'string') return content ?? null;
  try {
    return parseTikTokJson(content);
  } catch {
    return null;
  }
}
