import type { BusinessState } from './business-state';
import type { Conversation } from './conversation-store';
import { messagesLeft, replyWindowClosesAt, replyWindowOpen } from './send-business-message';

/** Control-API view of a conversation, including the reply-window state developers ask about. */
export function conversationSummary(state: BusinessState, conversation: Conversation) {
  return {
    id: conversation.id,
    businessUserId: conversation.businessUserId,
    businessOpenId: conversation.businessOpenId,
    customer: conversation.customer,
    type: conversation.type,
    imageSend: conversation.imageSend,
    messageCount: conversation.messages.length,
    lastInboundAt: conversation.lastInboundAtMs,
    replyWindowClosesAt: replyWindowClosesAt(state, conversation),
    canReply: replyWindowOpen(state, conversation) && messagesLeft(state, conversation) > 0,
    messagesLeft: messagesLeft(state, conversation),
    customerReadAt: conversation.customerReadAtMs,
    updatedAt: conversation.updatedAtMs,
  };
}
