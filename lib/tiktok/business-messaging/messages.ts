import 'server-only';
import { z } from 'zod';
import {
  businessHostGet,
  businessHostPost,
  businessHostPostMultipart,
} from '@/lib/tiktok/http/business-host';
import { paced } from '@/lib/tiktok/http/paced';
import { TikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { NO_RETRY } from '@/lib/tiktok/http/with-retry';

const idString = z.union([z.string(), z.number()]).transform(String);

const sendSchema = z.object({ message: z.object({ message_id: idString }) });

export type SendBusinessMessageInput = {
  accessToken: string;
  businessId: string;
  conversationId: string;
  message: { type: 'TEXT'; text: string } | { type: 'IMAGE'; mediaId: string };
  signal?: AbortSignal;
};

/**
 * `business/message/send/`. Never retried here: a send that timed out may have been delivered, and
 * only its `im_send_msg` echo can tell (the caller waits for it instead of sending again).
 */
export async function sendBusinessMessage(input: SendBusinessMessageInput): Promise<{ messageId: string }> {
  const { message } = input;
  const data = await businessHostPost(
    'business',
    'business/message/send/',
    {
      business_id: input.businessId,
      recipient_type: 'CONVERSATION',
      recipient: input.conversationId,
      message_type: message.type,
      ...(message.type === 'TEXT'
        ? { text: { body: message.text } }
        : { image: { media_id: message.mediaId } }),
    },
    sendSchema,
    { accessToken: input.accessToken, retry: NO_RETRY, signal: input.signal },
  );
  return { messageId: data.message.message_id };
}

/** `business/message/media/upload/` (multipart, the real MIME type and file name: #13643). */
export async function uploadMessageImage(input: {
  accessToken: string;
  businessId: string;
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  fileName: string;
  signal?: AbortSignal;
}): Promise<{ mediaId: string }> {
  const form = new FormData();
  form.set('business_id', input.businessId);
  form.set('media_type', 'IMAGE');
  form.set('file', new Blob([input.bytes], { type: input.contentType }), input.fileName);
  const data = await businessHostPostMultipart(
    'business/message/media/upload/',
    input.accessToken,
    form,
    z.object({ media_id: idString }),
    { signal: input.signal },
  );
  return { mediaId: data.media_id };
}

/** `business/message/media/download/`: a short-lived URL, fetched with `x-user: <token>` (#13151). */
export async function getMessageMediaUrl(input: {
  accessToken: string;
  businessId: string;
  conversationId: string;
  messageId: string;
  mediaId: string;
  signal?: AbortSignal;
}): Promise<string> {
  const data = await businessHostPost(
    'business',
    'business/message/media/download/',
    {
      business_id: input.businessId,
      conversation_id: input.conversationId,
      message_id: input.messageId,
      media_id: input.mediaId,
      media_type: 'IMAGE',
    },
    z.object({ download_url: z.string().url() }),
    { accessToken: input.accessToken, signal: input.signal },
  );
  return data.download_url;
}

/** `business/message/capabilities/get/`: whether the conversation can receive images. */
export async function getImageSendCapability(input: {
  accessToken: string;
  businessId: string;
  conversationId: string;
}): Promise<boolean> {
  const data = await businessHostGet(
    'business',
    'business/message/capabilities/get/',
    input.accessToken,
    {
      business_id: input.businessId,
      conversation_id: input.conversationId,
      conversation_type: 'SINGLE',
      capability_types: JSON.stringify(['IMAGE_SEND']),
    },
    z.object({
      capability_infos: z.array(z.object({ capability_type: z.string(), capability_result: z.boolean() })),
    }),
  );
  return data.capability_infos.some((c) => c.capability_type === 'IMAGE_SEND' && c.capability_result);
}

/**
 * GETs a `download_url` with `x-user: <token>` (without it the CDN refuses, #13151). Returns the
 * streaming response; safe to repeat, so transport failures are retryable.
 */
export async function fetchMessageMedia(
  url: string,
  accessToken: string,
  signal?: AbortSignal,
): Promise<Response> {
  return paced({ host: 'upload' }, signal, async () => {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { 'x-user': accessToken },
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
        cache: 'no-store',
      });
    } catch {
      throw new TikTokApiError({
        surface: 'business',
        status: 0,
        code: 'network_error',
        message: 'The media download could not reach TikTok',
        retryable: true,
      });
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new TikTokApiError({
        surface: 'business',
        status: response.status,
        code: `http_${response.status}`,
        message: `The media download answered ${response.status}`,
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    return response;
  });
}

/** `business/message/conversation/list/`: a page of the account's conversations, most recent first. */
export async function listBusinessConversations(input: {
  accessToken: string;
  businessId: string;
  /** STRANGER: message requests (the business has not answered yet); SINGLE: the others. */
  type: 'SINGLE' | 'STRANGER';
  limit: number;
}): Promise<{ conversationId: string; updatedAtMs: number }[]> {
  const data = await businessHostGet(
    'business',
    'business/message/conversation/list/',
    input.accessToken,
    { business_id: input.businessId, conversation_type: input.type, limit: String(input.limit) },
    z.object({
      conversations: z.array(z.object({ conversation_id: idString, up_time: z.coerce.number().optional() })),
    }),
  );
  return data.conversations.map((c) => ({ conversationId: c.conversation_id, updatedAtMs: c.up_time ?? 0 }));
}

const historyMessageSchema = z.looseObject({
  message_id: idString,
  timestamp: z.coerce.number(),
  message_type: z.string(),
  sender: z.string().optional(),
  from_user: z.looseObject({ id: idString.optional() }).optional(),
  to_user: z.looseObject({ id: idString.optional() }).optional(),
  text: z.looseObject({ body: z.string().optional() }).optional(),
  image: z.looseObject({ media_id: idString.optional() }).optional(),
  share_post: z.looseObject({ embed_url: z.string().optional() }).optional(),
});
export type HistoryMessage = z.output<typeof historyMessageSchema>;

/** `business/message/content/list/`: a conversation's messages (history for a new connection). */
export async function listConversationMessages(input: {
  accessToken: string;
  businessId: string;
  conversationId: string;
}): Promise<HistoryMessage[]> {
  const data = await businessHostGet(
    'business',
    'business/message/content/list/',
    input.accessToken,
    { business_id: input.businessId, conversation_id: input.conversationId },
    z.object({ messages: z.array(historyMessageSchema) }),
  );
  return data.messages;
}
