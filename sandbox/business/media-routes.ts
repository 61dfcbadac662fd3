import { readBody, sendJson } from '../core/http';
import type { Router } from '../core/router';
import { ApiError, apiRoute, CODES, readJsonObject, requireString, sendOk } from './api-error';
import type { BusinessState } from './business-state';
import { findOwnConversation } from './find-conversation';
import { assertMessagingAvailable } from './messaging-region';
import { parseMultipart } from './multipart';
import { requireAccessToken, requireOwnBusinessId, requireScope } from './require-access-token';

const BASE = '/open_api/v1.3/business/message/media';
const FILE_PATH = '/_tiktokcdn/im-media';
const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
const DOWNLOAD_URL_TTL_SECONDS = 3600;
const meta = (endpoint: string) => ({ endpoint: `business.${endpoint}`, surface: 'business' as const });

/** JPEG and PNG only (Infobip, respond.io, Chatwoot's upload rules); checked by magic bytes too. */
function imageFormat(data: Buffer): 'image/jpeg' | 'image/png' | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

export function registerMediaRoutes(router: Router, state: BusinessState) {
  const { ctx } = state;

  router.add(
    'POST',
    `${BASE}/upload/`,
    meta('media.upload'),
    apiRoute(async ({ req, res, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireScope(token, 'message.list.send');
      assertMessagingAvailable(ctx.users.get(token.userId));
      const body = await readBody(req, 25 * 1024 * 1024);
      const form = parseMultipart(body, req.headers['content-type'] ?? '');
      // A body TikTok cannot parse is refused before the API logic, with HTTP 400.
      if (!form) throw new ApiError(CODES.invalidParam, 'parsing error', 400);
      requireOwnBusinessId(token, requireString(new URLSearchParams(form.fields), 'business_id'));
      if (form.fields.media_type !== 'IMAGE')
        throw new ApiError(CODES.invalidParam, 'media_type: Must be IMAGE.');
      const file = form.files.file;
      if (!file) throw new ApiError(CODES.invalidParam, 'file: Missing data for required field.');
      const format = imageFormat(file.data);
      if (!format || !['image/jpeg', 'image/jpg', 'image/png'].includes(file.contentType))
        throw new ApiError(
          CODES.unsupportedFileFormat,
          'Unsupported file format. Only JPG and PNG images are supported.',
        );
      if (file.data.length > MAX_IMAGE_BYTES)
        throw new ApiError(CODES.invalidParam, 'file: The image must be at most 3 MB.');
      const media = state.media.add({
        businessOpenId: token.openId,
        contentType: format,
        filename: file.filename,
        bytes: file.data,
        createdAtMs: ctx.clock.nowMs(),
      });
      sendOk(res, { media_id: media.mediaId });
    }),
  );

  router.add(
    'POST',
    `${BASE}/download/`,
    meta('media.download'),
    apiRoute(async ({ req, res, endpoint }) => {
      const token = requireAccessToken(state, req, endpoint);
      requireScope(token, 'message.list.read');
      const body = await readJsonObject(req);
      requireOwnBusinessId(token, requireString(body, 'business_id'));
      assertMessagingAvailable(ctx.users.get(token.userId));
      const conversation = findOwnConversation(state, token, requireString(body, 'conversation_id'));
      const messageId = requireString(body, 'message_id');
      const mediaId = requireString(body, 'media_id');
      const mediaType = typeof body.media_type === 'string' ? body.media_type : 'IMAGE';
      if (mediaType !== 'IMAGE') throw new ApiError(CODES.invalidParam, 'media_type: Must be IMAGE.');
      const message = conversation.messages.find((m) => m.messageId === messageId);
      if (!message || message.mediaId !== mediaId || !state.media.get(mediaId))
        throw new ApiError(CODES.notFound, 'The media does not exist.');
      const expires = ctx.clock.nowSeconds() + DOWNLOAD_URL_TTL_SECONDS;
      sendOk(res, { download_url: `${ctx.config.publicUrl}${FILE_PATH}/${mediaId}?x-expires=${expires}` });
    }),
  );

  // The CDN link itself: only served with `x-user: <access token>` of the owning account (#13151).
  // The CDN answers plain HTTP: an injected fault there is a bare status, not an API envelope.
  router.add(
    'GET',
    `${FILE_PATH}/:mediaId`,
    { endpoint: 'business.media.file', surface: 'cdn' },
    ({ req, res, url, params }) => {
      const media = state.media.get(params.mediaId ?? '');
      const expires = Number(url.searchParams.get('x-expires') ?? 0);
      if (!media || expires < ctx.clock.nowSeconds())
        return sendJson(res, 404, { message: 'media not found or link expired' });
      const userHeader = req.headers['x-user'];
      const token = typeof userHeader === 'string' ? state.tokens.byAccessToken(userHeader) : undefined;
      const valid = token && !token.accessRevoked && token.accessExpiresAtMs > ctx.clock.nowMs();
      if (!valid || token.openId !== media.businessOpenId)
        return sendJson(res, 403, { message: 'x-user header missing or not authorized for this media' });
      res.writeHead(200, { 'content-type': media.contentType, 'content-length': media.bytes.length });
      res.end(media.bytes);
    },
  );
}
