import type { BusinessState } from './business-state';
import type { Conversation, DmMessage } from './conversation-store';

function participants(state: BusinessState, conversation: Conversation) {
  const business = state.ctx.users.get(conversation.businessUserId);
  return {
    business: {
      role: 'BUSINESS_ACCOUNT',
      id: conversation.businessOpenId,
      display_name: business?.displayName ?? '',
      profile_image: business?.avatarUrl ?? '',
    },
    customer: {
      role: 'PERSONAL_ACCOUNT',
      id: conversation.customer.id,
      display_name: conversation.customer.displayName,
      profile_image: '',
      is_follower: false,
    },
  };
}

/** One message as business/message/content/list/ returns it: uppercase message_type, unlike webhooks. */
export function messageJson(state: BusinessState, conversation: Conversation, message: DmMessage) {
  const { business, customer } = participants(state, conversation);
  const businessUsername = state.ctx.users.get(conversation.businessUserId)?.username ?? '';
  const inbound = message.direction === 'inbound';
  return {
    conversation_id: conversation.id,
    message_id: message.messageId,
    timestamp: message.timestampMs,
    message_type: message.type.toUpperCase(),
    sender: inbound ? conversation.customer.username : businessUsername,
    recipient: inbound ? businessUsername : conversation.customer.username,
    from_user: inbound ? customer : business,
    to_user: inbound ? business : customer,
    message_tag: { source: message.source },
    ...(message.text !== undefined ? { text: { body: message.text } } : {}),
    ...(message.mediaId ? { image: { media_id: message.mediaId } } : {}),
    ...(message.embedUrl ? { share_post: { embed_url: message.embedUrl } } : {}),
    ...(message.referencedMessageId
      ? { referenced_message_info: { referenced_message_id: message.referencedMessageId } }
      : {}),
  };
}

export function participantsJson(state: BusinessState, conversation: Conversation) {
  const { business, customer } = participants(state, conversation);
  return [business, customer];
}
