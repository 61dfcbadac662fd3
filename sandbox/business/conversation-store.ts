import { randomBytes } from 'node:crypto';

export type DmType = 'text' | 'image' | 'share_post' | 'sticker';

export type DmMessage = {
  messageId: string;
  conversationId: string;
  /** inbound = customer → business. */
  direction: 'inbound' | 'outbound';
  type: DmType;
  text?: string;
  mediaId?: string;
  embedUrl?: string;
  referencedMessageId?: string;
  timestampMs: number;
  /** Where an outbound message came from: the Business Messaging API or typed in the TikTok app. */
  source: 'API' | 'APP';
};

export type Customer = { id: string; username: string; displayName: string };

export type Conversation = {
  id: string;
  businessUserId: string;
  businessOpenId: string;
  customer: Customer;
  /** STRANGER until the business first replies (a message request), then SINGLE. */
  type: 'STRANGER' | 'SINGLE';
  /** Result of the IMAGE_SEND capability check; false emulates regions where media sending is off. */
  imageSend: boolean;
  messages: DmMessage[];
  lastInboundAtMs: number | null;
  customerReadAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
};

/**
 * TikTok conversation ids are base64-like and may contain `+`; clients that forget to encode it
 * get "Param conversation_id is invalid." (the bububa SDK warns about this), so ours always hold one.
 */
function conversationId(): string {
  const body = randomBytes(15).toString('base64').replace(/\//g, '_');
  return `MS4wLjABAAAA${body.slice(0, 8)}+${body.slice(8)}`;
}

export function messageId(): string {
  return `7${BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString()
    .padStart(20, '0')
    .slice(0, 18)}`;
}

/** Direct-message conversations, each owned by one business account. */
export class ConversationStore {
  private conversations = new Map<string, Conversation>();

  create(
    input: Pick<Conversation, 'businessUserId' | 'businessOpenId' | 'customer' | 'imageSend'>,
    nowMs: number,
  ) {
    const conversation: Conversation = {
      ...input,
      id: conversationId(),
      type: 'STRANGER',
      messages: [],
      lastInboundAtMs: null,
      customerReadAtMs: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string) {
    return this.conversations.get(id);
  }

  findByCustomer(businessUserId: string, customerId: string) {
    return this.list(businessUserId).find((c) => c.customer.id === customerId);
  }

  /** Newest activity first, as TikTok's conversation list orders them. */
  list(businessUserId?: string) {
    return [...this.conversations.values()]
      .filter((c) => !businessUserId || c.businessUserId === businessUserId)
      .sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  }

  append(conversation: Conversation, message: DmMessage) {
    conversation.messages.push(message);
    conversation.updatedAtMs = message.timestampMs;
    if (message.direction === 'inbound') conversation.lastInboundAtMs = message.timestampMs;
    else conversation.type = 'SINGLE';
  }

  clear() {
    this.conversations.clear();
  }

  snapshot(): Conversation[] {
    return [...this.conversations.values()];
  }

  restore(conversations: Conversation[]) {
    this.conversations = new Map(conversations.map((c) => [c.id, c]));
  }
}
