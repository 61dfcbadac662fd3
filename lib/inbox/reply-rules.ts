/**
 * TikTok's messaging policy as Tokdesk enforces it, shared by the server (which refuses) and the
 * composer (which explains). Client-safe: no imports.
 */
export const MAX_TEXT_CHARS = 6000;
export const REPLY_WINDOW_HOURS = 48;
export const REPLY_WINDOW_MS = REPLY_WINDOW_HOURS * 3_600_000;
/** Messages a business may send before the customer writes again (third-party docs agree on 10). */
export const MESSAGE_BUDGET = 10;
export const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;
export const REPLY_POLICY_URL = 'https://business-api.tiktok.com/portal/docs?id=1832184236919810';

/** TikTok counts characters "including spaces and emojis": code points, not UTF-16 units. */
export function countTextChars(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export type ReplyState = {
  canReply: boolean;
  /** Why replying is disabled, for the composer and the server's refusal. */
  reason: string | null;
  windowClosesAt: number | null;
  messagesLeft: number;
};

/**
 * Whether a reply may go out now: the customer must have written in the last 48 hours, and fewer
 * than 10 business messages may have followed their latest one.
 */
export function replyState(input: {
  lastInboundAtMs: number | null;
  sentSinceInbound: number;
  nowMs: number;
}): ReplyState {
  const { lastInboundAtMs, sentSinceInbound, nowMs } = input;
  const messagesLeft = Math.max(0, MESSAGE_BUDGET - sentSinceInbound);
  if (lastInboundAtMs === null) {
    return {
      canReply: false,
      reason: 'TikTok lets businesses reply only after the customer writes first.',
      windowClosesAt: null,
      messagesLeft,
    };
  }
  const windowClosesAt = lastInboundAtMs + REPLY_WINDOW_MS;
  if (nowMs >= windowClosesAt) {
    return {
      canReply: false,
      reason: `The ${REPLY_WINDOW_HOURS}-hour reply window closed: TikTok allows replies only within ${REPLY_WINDOW_HOURS} hours of the customer's last message.`,
      windowClosesAt,
      messagesLeft,
    };
  }
  if (messagesLeft === 0) {
    return {
      canReply: false,
      reason: `You sent ${MESSAGE_BUDGET} messages since the customer last wrote: TikTok allows no more until they answer.`,
      windowClosesAt,
      messagesLeft,
    };
  }
  return { canReply: true, reason: null, windowClosesAt, messagesLeft };
}

/** "closes in 3 h", "closes in 25 min". */
export function describeWindow(windowClosesAt: number, nowMs: number): string {
  const left = windowClosesAt - nowMs;
  if (left <= 0) return 'window closed';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 60) return `window closes in ${minutes} min`;
  return `window closes in ${Math.floor(minutes / 60)} h`;
}
