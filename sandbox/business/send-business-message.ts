import { ApiError, CODES } from './api-error';
import type { BusinessState } from './business-state';
import { type Conversation, type DmMessage, messageId } from './conversation-store';
import { emitDmEvent, messageContent } from './dm-events';

export const MAX_TEXT_CHARS = 6000;

export type SendInput = {
  conversation: Conversation;
  type: 'text' | 'image';
  text?: string;
  mediaId?: string;
  referencedMessageId?: string;
  source: DmMessage['source'];
};

/**
 * The messaging policy. TikTok publishes no code for a closed window; the sandbox reports it as the
 * messaging restriction 40064, the code third parties document for DM sending limits.
 */
function assertAllowed(state: BusinessState, input: SendInput) {
  const { conversation } = input;
  const { replyWindowHours, messageBudget } = state.settings;
  if (!replyWindowOpen(state, conversation))
    throw new ApiError(
      CODES.messagingRestricted,
      `The ${replyWindowHours}-hour messaging window has closed. You can reply only within ${replyWindowHours} hours of the user’s last message.`,
    );
  if (messagesLeft(state, conversation) <= 0)
    throw new ApiError(
      CODES.messagingRestricted,
      `You can send at most ${messageBudget} messages before the user replies.`,
    );
}

export function replyWindowClosesAt(state: BusinessState, conversation: Conversation): number | null {
  const last = conversation.lastInboundAtMs;
  return last === null ? null : last + state.settings.replyWindowHours * 3_600_000;
}

export function replyWindowOpen(state: BusinessState, conversation: Conversation): boolean {
  const closesAt = replyWindowClosesAt(state, conversation);
  return closesAt !== null && state.ctx.clock.nowMs() < closesAt;
}

/** Business messages still allowed before the customer writes again (Chatfuel, Qiscus: 10). */
export function messagesLeft(state: BusinessState, conversation: Conversation): number {
  const since = conversation.lastInboundAtMs ?? 0;
  const sent = conversation.messages.filter(
    (m) => m.direction === 'outbound' && m.timestampMs >= since,
  ).length;
  return Math.max(0, state.settings.messageBudget - sent);
}

function assertContent(state: BusinessState, input: SendInput) {
  const { conversation } = input;
  if (input.type === 'text') {
    const text = input.text ?? '';
    if (!text.trim()) throw new ApiError(CODES.invalidParam, 'text.body: Missing data for required field.');
    // 6,000 characters "including spaces and emojis": counted in code points, not UTF-16 units.
    if ([...text].length > MAX_TEXT_CHARS)
      throw new ApiError(
        CODES.invalidParam,
        `text.body: Length must be at most ${MAX_TEXT_CHARS} characters.`,
      );
  } else {
    if (!conversation.imageSend)
      throw new ApiError(CODES.noPermission, 'Sending images is not supported for this conversation.');
    const media = input.mediaId ? state.media.get(input.mediaId) : undefined;
    if (!media || media.businessOpenId !== conversation.businessOpenId)
      throw new ApiError(CODES.notFound, 'image.media_id: The media does not exist.');
    if (input.referencedMessageId)
      throw new ApiError(
        CODES.invalidParam,
        'referenced_message_info: Only text replies can quote a message.',
      );
  }
  if (
    input.referencedMessageId &&
    !conversation.messages.some((m) => m.messageId === input.referencedMessageId)
  )
    throw new ApiError(CODES.notFound, 'referenced_message_id: The message does not exist.');
}

/** A business → customer message (API or typed in the app); fires the im_send_msg echo. */
export function sendBusinessMessage(state: BusinessState, input: SendInput): DmMessage {
  assertAllowed(state, input);
  assertContent(state, input);
  const message: DmMessage = {
    messageId: messageId(),
    conversationId: input.conversation.id,
    direction: 'outbound',
    type: input.type,
    ...(input.type === 'text' ? { text: input.text } : { mediaId: input.mediaId }),
    ...(input.referencedMessageId ? { referencedMessageId: input.referencedMessageId } : {}),
    timestampMs: state.ctx.clock.nowMs(),
    source: input.source,
  };
  state.conversations.append(input.conversation, message);
  emitDmEvent(state, input.conversation, 'im_send_msg', messageContent(state, input.conversation, message));
  return message;
}
