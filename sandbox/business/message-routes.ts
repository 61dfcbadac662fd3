import type { Router } from '../core/router';
import {
  ApiError,
  apiRoute,
  CODES,
  optionalString,
  parseJsonArrayParam,
  readJsonObject,
  requireString,
  sendOk,
} from './api-error';
import { int64Keys } from './business-settings';
import type { BusinessState } from './business-state';
import { findOwnConversation } from './find-conversation';
import { messageJson, participantsJson } from './message-json';
import { assertMessagingAvailable } from './messaging-region';
import { requireAccessToken, requireOwnBusinessId, requireScope } from './require-access-token';
import { sendBusinessMessage } from './send-business-message';

const BASE = '/open_api/v1.3/business/message';
const meta = (endpoint: string) => ({ endpoint: `business.${endpoint}`, surface: 'business' as const });
const CONVERSATION_TYPES = ['SINGLE', 'STRANGER'];

function objectField(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function requireConversationType(params: URLSearchParams) {
  const type = requireString(params, 'conversation_type');
  if (!CONVERSATION_TYPES.includes(type))
    throw new ApiError(CODES.invalidParam, 'conversation_type: Must be one of SINGLE, STRANGER.');
  return type;
}

function boundedInt(raw: string | null, field: string, fallback: number, max: number) {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new ApiError(CODES.invalidParam, `${field}: Must be an integer between 0 and ${max}.`);
  return value;
}

export function registerMessageRoutes(router: Router, state: BusinessState) {
  router.add(
    'POST',
    `${BASE}/send/`,
    meta('message.send'),
    apiRoute(async ({ req, res, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireScope(token, 'message.list.send');
      const body = await readJsonObject(req);
      requireOwnBusinessId(token, requireString(body, 'business_id'));
      if (requireString(body, 'recipient_type') !== 'CONVERSATION')
        throw new ApiError(CODES.invalidParam, 'recipient_type: Must be CONVERSATION.');
      const conversation = findOwnConversation(state, token, requireString(body, 'recipient'));
      const messageType = requireString(body, 'message_type');
      if (messageType !== 'TEXT' && messageType !== 'IMAGE')
        throw new ApiError(CODES.invalidParam, 'message_type: The sandbox accepts TEXT or IMAGE.');
      const text = objectField(body.text);
      const image = objectField(body.image);
      if (messageType === 'TEXT' && body.image !== undefined)
        throw new ApiError(CODES.invalidParam, 'A message cannot include both a text and an image.');
      assertMessagingAvailable(state.ctx.users.get(token.userId));
      const message = sendBusinessMessage(state, {
        conversation,
        type: messageType === 'TEXT' ? 'text' : 'image',
        text: typeof text.body === 'string' ? text.body : undefined,
        mediaId: optionalString(image, 'media_id'),
        referencedMessageId: optionalString(
          objectField(body.referenced_message_info),
          'referenced_message_id',
        ),
        source: 'API',
      });
      sendOk(res, { message: { message_id: message.messageId } }, int64Keys(state.settings));
    }),
  );

  router.add(
    'GET',
    `${BASE}/conversation/list/`,
    meta('conversation.list'),
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireScope(token, 'message.list.read');
      requireOwnBusinessId(token, requireString(url.searchParams, 'business_id'));
      const type = requireConversationType(url.searchParams);
      assertMessagingAvailable(state.ctx.users.get(token.userId));
      const limit = boundedInt(url.searchParams.get('limit'), 'limit', 100, 100) || 100;
      const cursor = boundedInt(url.searchParams.get('cursor'), 'cursor', 0, Number.MAX_SAFE_INTEGER);
      const all = state.conversations.list(token.userId).filter((c) => c.type === type);
      const page = all.slice(cursor, cursor + limit);
      sendOk(
        res,
        {
          conversations: page.map((c) => ({ conversation_id: c.id, up_time: c.updatedAtMs })),
          has_more: cursor + limit < all.length,
          cursor: cursor + page.length,
        },
        int64Keys(state.settings),
      );
    }),
  );

  router.add(
    'GET',
    `${BASE}/content/list/`,
    meta('content.list'),
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireScope(token, 'message.list.read');
      requireOwnBusinessId(token, requireString(url.searchParams, 'business_id'));
      const conversation = findOwnConversation(
        state,
        token,
        requireString(url.searchParams, 'conversation_id'),
      );
      assertMessagingAvailable(state.ctx.users.get(token.userId));
      sendOk(
        res,
        {
          messages: conversation.messages.map((m) => messageJson(state, conversation, m)),
          participants: participantsJson(state, conversation),
        },
        int64Keys(state.settings),
      );
    }),
  );

  router.add(
    'GET',
    `${BASE}/capabilities/get/`,
    meta('capabilities.get'),
    apiRoute(({ req, res, url, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireOwnBusinessId(token, requireString(url.searchParams, 'business_id'));
      const conversation = findOwnConversation(
        state,
        token,
        requireString(url.searchParams, 'conversation_id'),
      );
      requireConversationType(url.searchParams);
      assertMessagingAvailable(state.ctx.users.get(token.userId));
      const types = parseJsonArrayParam(url.searchParams.get('capability_types'), 'capability_types');
      if (!types?.length)
        throw new ApiError(CODES.invalidParam, 'capability_types: Missing data for required field.');
      const unknown = types.find((t) => t !== 'IMAGE_SEND');
      if (unknown) throw new ApiError(CODES.invalidParam, `capability_types: Unsupported value ${unknown}.`);
      sendOk(res, {
        capability_infos: types.map((t) => ({
          capability_type: t,
          capability_result: conversation.imageSend,
        })),
      });
    }),
  );
}
