import { describe, expect, it } from 'vitest';
import { countTextChars, describeWindow, MESSAGE_BUDGET, REPLY_WINDOW_MS, replyState } from './reply-rules';

describe('reply rules', () => {
  const now = 1_800_000_000_000;
  it('counts emoji as one character each, as TikTok does', () => {
    expect(countTextChars('hi 👋🏽')).toBe(5);
    expect(countTextChars('a'.repeat(6000))).toBe(6000);
  });
  it('opens the window only after the customer wrote, for 48 hours', () => {
    expect(replyState({ lastInboundAtMs: null, sentSinceInbound: 0, nowMs: now }).canReply).toBe(false);
    expect(
      replyState({ lastInboundAtMs: now - REPLY_WINDOW_MS + 1000, sentSinceInbound: 0, nowMs: now }),
    ).toMatchObject({
      canReply: true,
      messagesLeft: MESSAGE_BUDGET,
    });
    const closed = replyState({ lastInboundAtMs: now - REPLY_WINDOW_MS, sentSinceInbound: 0, nowMs: now });
    expect(closed.canReply).toBe(false);
    expect(closed.reason).toContain('48-hour');
  });
  it('refuses the 11th message before the customer answers', () => {
    const state = replyState({ lastInboundAtMs: now - 1000, sentSinceInbound: 10, nowMs: now });
    expect(state).toMatchObject({ canReply: false, messagesLeft: 0 });
    expect(state.reason).toContain('10 messages');
  });
  it('describes the time left', () => {
    expect(describeWindow(now + 3 * 3_600_000 + 5, now)).toBe('window closes in 3 h');
    expect(describeWindow(now + 25 * 60_000, now)).toBe('window closes in 25 min');
  });
});
