import type { BusinessState } from './business-state';
import type { Conversation } from './conversation-store';
import { REPLY_WINDOW_MS } from './send-business-message';

/** Control-API view of a conversation, including the reply-window state developers ask about. */
export function conversationSummary(state: BusinessState, conversation: Conversation) {
  const closesAt =
    conversation.lastInboundAtMs === null ? null : conversation.lastInboundAtMs + REPLY_WINDOW_MS;
  return {
    id: conversation.id,
    businessUserId: conversation.businessUserId,
    businessOpenId: conversation.businessOpenId,
    customer: conversation.customer,
    type: conversation.type,
    imageSend: conversation.imageSend,
    messageCount: conversation.messages.length,
    lastInboundAt: conversation.lastInboundAtMs,
    replyWindowClosesAt: closesAt,
    canReply: closesAt !== null && state.ctx.clock.nowMs() < closesAt,
    customerReadAt: conversation.customerReadAtMs,
    updatedAt: conversation.updatedAtMs,
  };
}
