import type { SandboxUser } from '../core/users';
import { randomId } from '../core/users';
import type { BusinessState } from './business-state';
import { type Conversation, type DmMessage, type DmType, messageId } from './conversation-store';
import { emitDmEvent, messageContent, readContent } from './dm-events';
import { PLACEHOLDER_PNG } from './media-store';
import { messagingRestricted } from './messaging-region';

export type CustomerDmInput = {
  business: SandboxUser;
  /** Continue this conversation; otherwise the customer's existing one, or a new one. */
  conversationId?: string;
  customer?: { id?: string; username?: string; displayName?: string };
  type?: DmType;
  text?: string;
  embedUrl?: string;
  image?: { bytes: Buffer; contentType: string };
  referencedMessageId?: string;
  /** false emulates a conversation where IMAGE_SEND is unavailable (only applies to new conversations). */
  imageSend?: boolean;
};

function findOrCreateConversation(state: BusinessState, input: CustomerDmInput): Conversation {
  const { conversations, ctx } = state;
  if (input.conversationId) {
    const found = conversations.get(input.conversationId);
    if (!found || found.businessUserId !== input.business.id)
      throw new Error(`Unknown conversation ${input.conversationId} for business ${input.business.id}`);
    return found;
  }
  const customerId = input.customer?.id;
  const existing = customerId ? conversations.findByCustomer(input.business.id, customerId) : undefined;
  if (existing) return existing;
  const username = input.customer?.username ?? `customer_${randomId('', 3)}`;
  return conversations.create(
    {
      businessUserId: input.business.id,
      businessOpenId: input.business.openId,
      customer: {
        id: customerId ?? randomId('', 16),
        username,
        displayName: input.customer?.displayName ?? username.replace(/_/g, ' '),
      },
      imageSend: input.imageSend ?? true,
    },
    ctx.clock.nowMs(),
    state.settings.conversationIdFormat,
  );
}

const STICKER_TTL_SECONDS = 30 * 86_400;

/** A customer writes to the business: stored, then delivered as im_receive_msg. */
export function receiveCustomerDm(state: BusinessState, input: CustomerDmInput) {
  if (messagingRestricted(input.business))
    throw new Error(
      'Business Messaging is unavailable for accounts registered in the EEA, Switzerland or the UK',
    );
  const conversation = findOrCreateConversation(state, input);
  const type = input.type ?? (input.image ? 'image' : 'text');
  const nowMs = state.ctx.clock.nowMs();
  const message: DmMessage = {
    messageId: messageId(),
    conversationId: conversation.id,
    direction: 'inbound',
    type,
    timestampMs: nowMs,
    source: 'APP',
    ...(input.referencedMessageId ? { referencedMessageId: input.referencedMessageId } : {}),
  };
  if (type === 'text') message.text = input.text ?? 'Hi!';
  if (type === 'share_post')
    message.embedUrl = input.embedUrl ?? 'https://www.tiktok.com/embed/7300000000000000000';
  if (type === 'sticker' || type === 'emoji') {
    const expires = state.ctx.clock.nowSeconds() + STICKER_TTL_SECONDS;
    message.assetUrl = `${state.ctx.config.publicUrl}/_sandbox/stickers/${message.messageId}.png${type === 'sticker' ? `?x-expires=${expires}` : ''}`;
  }
  if (type === 'video') message.mediaId = randomId('v0f044gc0000', 10);
  if (type === 'image') {
    const image = input.image ?? { bytes: PLACEHOLDER_PNG, contentType: 'image/png' };
    message.mediaId = state.media.add({
      businessOpenId: conversation.businessOpenId,
      contentType: image.contentType,
      filename: 'customer-image',
      bytes: image.bytes,
      createdAtMs: nowMs,
    }).mediaId;
  }
  state.conversations.append(conversation, message);
  emitDmEvent(state, conversation, 'im_receive_msg', messageContent(state, conversation, message));
  return { conversation, message };
}

/**
 * The customer reads the thread: im_mark_read_msg with the read time in ms (now, or an earlier
 * moment, e.g. between two of our messages).
 */
export function markReadByCustomer(state: BusinessState, conversation: Conversation, atMs?: number) {
  const readAt = atMs ?? state.ctx.clock.nowMs();
  conversation.customerReadAtMs = readAt;
  emitDmEvent(state, conversation, 'im_mark_read_msg', readContent(conversation, readAt));
  return readAt;
}
