import { findApp } from '../core/config';
import { stringifyWithInt64 } from '../core/int64-json';
import { int64Keys } from './business-settings';
import type { BusinessState } from './business-state';
import { authorizedAppIds, webhookKey } from './business-state';
import type { Conversation, DmMessage } from './conversation-store';

export type DmEvent = 'im_receive_msg' | 'im_send_msg' | 'im_mark_read_msg';

type Party = { name: string; id: string };

function businessParty(state: BusinessState, conversation: Conversation): Party {
  const user = state.ctx.users.get(conversation.businessUserId);
  return { name: user?.username ?? '', id: conversation.businessOpenId };
}

/** The `content` of im_receive_msg / im_send_msg (reference 3.5). */
export function messageContent(state: BusinessState, conversation: Conversation, message: DmMessage) {
  const business = businessParty(state, conversation);
  const customer = { name: conversation.customer.username, id: conversation.customer.id };
  const [from, to] = message.direction === 'inbound' ? [customer, business] : [business, customer];
  return {
    conversation_id: conversation.id,
    message_id: message.messageId,
    type: message.type,
    // Milliseconds here, while the envelope's create_time is in seconds.
    timestamp: message.timestampMs,
    from: from.name,
    from_user: { id: from.id },
    to: to.name,
    to_user: { id: to.id },
    ...(message.type === 'text' ? { text: { body: message.text ?? '' } } : {}),
    ...(message.type === 'image' ? { image: { media_id: message.mediaId ?? '' } } : {}),
    ...(message.type === 'share_post' ? { share_post: { embed_url: message.embedUrl ?? '' } } : {}),
    ...typeSpecific(message),
    ...(message.referencedMessageId
      ? { referenced_message_info: { referenced_message_id: message.referencedMessageId } }
      : {}),
  };
}

/** Payloads of the types Chatwoot treats as unsupported, shaped like the Go SDK's message model. */
function typeSpecific(message: DmMessage): Record<string, unknown> {
  if (message.type === 'sticker') return { sticker: { url: message.assetUrl ?? '' } };
  if (message.type === 'emoji') return { emoji: { url: message.assetUrl ?? '' } };
  if (message.type === 'video') return { video: { media_id: message.mediaId ?? '' } };
  return {};
}

export function readContent(conversation: Conversation, lastReadMs: number) {
  return {
    conversation_id: conversation.id,
    read: { last_read_timestamp: lastReadMs },
    from_user: { id: conversation.customer.id },
  };
}

/**
 * Sends one event to every app the business account has authorized. The app's URL registered via
 * business/webhook/update/ wins over the one configured for the sandbox app.
 */
export function emitDmEvent(
  state: BusinessState,
  conversation: Conversation,
  event: DmEvent,
  content: object,
) {
  const { ctx } = state;
  for (const appId of authorizedAppIds(state, conversation.businessOpenId)) {
    const app = findApp(ctx.config, 'business', appId);
    if (!app) continue;
    ctx.webhooks.send({
      url: state.webhookUrls.get(webhookKey(appId, 'DIRECT_MESSAGE')) ?? app.webhookUrl,
      secret: app.secret,
      event,
      envelope: {
        client_key: app.id,
        event,
        create_time: ctx.clock.nowSeconds(),
        user_openid: conversation.businessOpenId,
        // A JSON-encoded string, not an object: receivers must parse it a second time. Ids inside
        // are bare int64 numbers, which a plain JSON.parse corrupts.
        content: stringifyWithInt64(content, int64Keys(state.settings)),
      },
    });
  }
}
