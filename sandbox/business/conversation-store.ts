import { randomBytes } from 'node:crypto';

/**
 * Webhook `type`s (lowercase). Businesses send only text and images; customers also send shared
 * posts, stickers, emojis, videos, and types no client knows yet (any other word).
 */
export type DmType = 'text' | 'image' | 'share_post' | 'sticker' | 'emoji' | 'video' | (string & {});

export type DmMessage = {
  messageId: string;
  conversationId: string;
  /** inbound = customer → business. */
  direction: 'inbound' | 'outbound';
  type: DmType;
  text?: string;
  mediaId?: string;
  embedUrl?: string;
  /** Stickers and emojis arrive as links (a sticker link lasts 30 days, per the Go SDK). */
  assetUrl?: string;
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
 * get "Param conversation_id is invalid." (the bububa SDK warns about this), so opaque ones always
 * hold one. Numeric ones are 19 digits, beyond a double's exact range.
 */
function conversationId(format: 'opaque' | 'numeric'): string {
  if (format === 'numeric') return messageId();
  const body = randomBytes(15).toString('base64').replace(/\//g, '_');
  return `MS4wLjABAAAA${body.slice(0, 8)}+${body.slice(8)}`;
}

export function messageId(): string {
  return `7${BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString()
    .padStart(20, '0')
    .slice(0, 18)}`;
}

const customerKey = (businessUserId: string, customerId: string) => `${businessUserId}:${customerId}`;

/** Direct-message conversations, each owned by one business account. */
export class ConversationStore {
  private conversations = new Map<string, Conversation>();
  /** Indexes, because inbox benches hold tens of thousands of conversations. */
  private byBusiness = new Map<string, Set<Conversation>>();
  private byCustomer = new Map<string, Conversation>();

  create(
    input: Pick<Conversation, 'businessUserId' | 'businessOpenId' | 'customer' | 'imageSend'>,
    nowMs: number,
    format: 'opaque' | 'numeric' = 'opaque',
  ) {
    const conversation: Conversation = {
      ...input,
      id: conversationId(format),
      type: 'STRANGER',
      messages: [],
      lastInboundAtMs: null,
      customerReadAtMs: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    this.index(conversation);
    return conversation;
  }

  private index(conversation: Conversation) {
    this.conversations.set(conversation.id, conversation);
    const own = this.byBusiness.get(conversation.businessUserId) ?? new Set();
    own.add(conversation);
    this.byBusiness.set(conversation.businessUserId, own);
    this.byCustomer.set(customerKey(conversation.businessUserId, conversation.customer.id), conversation);
  }

  get(id: string) {
    return this.conversations.get(id);
  }

  findByCustomer(businessUserId: string, customerId: string) {
    return this.byCustomer.get(customerKey(businessUserId, customerId));
  }

  /** Newest activity first, as TikTok's conversation list orders them. */
  list(businessUserId?: string) {
    const source = businessUserId ? (this.byBusiness.get(businessUserId) ?? []) : this.conversations.values();
    return [...source].sort((a, b) => b.updatedAtMs - a.updatedAtMs);
  }

  append(conversation: Conversation, message: DmMessage) {
    conversation.messages.push(message);
    conversation.updatedAtMs = message.timestampMs;
    if (message.direction === 'inbound') conversation.lastInboundAtMs = message.timestampMs;
    else conversation.type = 'SINGLE';
  }

  clear() {
    this.conversations.clear();
    this.byBusiness.clear();
    this.byCustomer.clear();
  }

  snapshot(): Conversation[] {
    return [...this.conversations.values()];
  }

  restore(conversations: Conversation[]) {
    this.clear();
    for (const conversation of conversations) this.index(conversation);
  }
}
