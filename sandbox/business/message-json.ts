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

const KNOWN_TYPES = new Set(['text', 'image', 'share_post', 'sticker', 'emoji', 'video']);

/** One message as business/message/content/list/ returns it: uppercase message_type, unlike webhooks. */
export function messageJson(state: BusinessState, conversation: Conversation, message: DmMessage) {
  const { business, customer } = participants(state, conversation);
  const businessUsername = state.ctx.users.get(conversation.businessUserId)?.username ?? '';
  const inbound = message.direction === 'inbound';
  return {
    conversation_id: conversation.id,
    message_id: message.messageId,
    timestamp: message.timestampMs,
    // Types the API has no name for are OTHER, as in the Go SDK's enum.
    message_type: KNOWN_TYPES.has(message.type) ? message.type.toUpperCase() : 'OTHER',
    sender: inbound ? conversation.customer.username : businessUsername,
    recipient: inbound ? businessUsername : conversation.customer.username,
    from_user: inbound ? customer : business,
    to_user: inbound ? business : customer,
    message_tag: { source: message.source },
    ...(message.text !== undefined ? { text: { body: message.text } } : {}),
    ...(message.mediaId && message.type === 'image' ? { image: { media_id: message.mediaId } } : {}),
    ...(message.mediaId && message.type === 'video' ? { video: { media_id: message.mediaId } } : {}),
    ...(message.embedUrl ? { share_post: { embed_url: message.embedUrl } } : {}),
    ...(message.assetUrl ? { [message.type]: { url: message.assetUrl } } : {}),
    ...(message.referencedMessageId
      ? { referenced_message_info: { referenced_message_id: message.referencedMessageId } }
      : {}),
  };
}

export function participantsJson(state: BusinessState, conversation: Conversation) {
  const { business, customer } = participants(state, conversation);
  return [business, customer];
}
