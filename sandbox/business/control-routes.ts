import type { IncomingMessage } from 'node:http';
import { readBody, sendJson } from '../core/http';
import type { Router } from '../core/router';
import type { SandboxUser } from '../core/users';
import { ApiError } from './api-error';
import { registerBulkBusinessRoute } from './bulk-businesses';
import { type BusinessSettings, settingsProblem } from './business-settings';
import type { BusinessState } from './business-state';
import { conversationSummary } from './conversation-summary';
import { type CustomerDmInput, markReadByCustomer, receiveCustomerDm } from './customer-actions';
import { messageJson } from './message-json';
import { messagingRestricted } from './messaging-region';
import { sendBusinessMessage } from './send-business-message';
import type { BusinessToken } from './token-store';

const control = (endpoint: string) => ({
  endpoint: `control.business.${endpoint}`,
  surface: 'control' as const,
});

type Body = Record<string, unknown>;

async function readJson(req: IncomingMessage): Promise<Body> {
  const raw = await readBody(req, 10 * 1024 * 1024);
  return raw.length ? (JSON.parse(raw.toString('utf8')) as Body) : {};
}

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The business user a control call means: by id, by open_id, else the first one. */
export function pickBusiness(state: BusinessState, body: Body): SandboxUser | undefined {
  const users = state.ctx.users.list('business');
  const id = str(body.businessUserId);
  const openId = str(body.businessOpenId);
  if (id) return users.find((u) => u.id === id);
  if (openId) return users.find((u) => u.openId === openId);
  return users[0];
}

function matchingTokens(state: BusinessState, body: Body): BusinessToken[] {
  const access = str(body.accessToken);
  const openId = str(body.businessOpenId);
  return state.tokens
    .all()
    .filter((t) => (access ? t.accessToken === access : !openId || t.openId === openId));
}

export function registerBusinessControlRoutes(router: Router, state: BusinessState) {
  const { ctx } = state;

  router.add('POST', '/_sandbox/business/dm', control('dm'), async ({ req, res }) => {
    const body = await readJson(req);
    const business = pickBusiness(state, body);
    if (!business) return sendJson(res, 404, { error: 'no such business user' });
    const customer = (body.customer ?? {}) as CustomerDmInput['customer'];
    const imageBase64 = str(body.imageBase64);
    const type = str(body.type);
    if (type !== undefined && !/^[a-z_]+$/.test(type))
      return sendJson(res, 400, {
        error: 'type must be a lowercase webhook type such as text, sticker or video',
      });
    if (messagingRestricted(business))
      return sendJson(res, 409, {
        error: 'DMs are unavailable for accounts in the EEA, Switzerland and the UK',
      });
    try {
      const { conversation, message } = receiveCustomerDm(state, {
        business,
        conversationId: str(body.conversationId),
        customer,
        type,
        text: str(body.text),
        embedUrl: str(body.embedUrl),
        referencedMessageId: str(body.referencedMessageId),
        imageSend: typeof body.imageSend === 'boolean' ? body.imageSend : undefined,
        image: imageBase64
          ? {
              bytes: Buffer.from(imageBase64, 'base64'),
              contentType: str(body.imageContentType) ?? 'image/png',
            }
          : undefined,
      });
      sendJson(res, 201, {
        conversation: conversationSummary(state, conversation),
        message: messageJson(state, conversation, message),
      });
    } catch (err) {
      sendJson(res, 404, { error: err instanceof Error ? err.message : String(err) });
    }
  });

  router.add('POST', '/_sandbox/business/read', control('read'), async ({ req, res }) => {
    const body = await readJson(req);
    const conversation = state.conversations.get(str(body.conversationId) ?? '');
    if (!conversation) return sendJson(res, 404, { error: 'no such conversation' });
    const at = body.lastReadTimestamp;
    if (at !== undefined && !(Number.isInteger(at) && (at as number) <= ctx.clock.nowMs()))
      return sendJson(res, 400, { error: 'lastReadTimestamp must be a ms timestamp not in the future' });
    sendJson(res, 200, {
      conversationId: conversation.id,
      lastReadTimestamp: markReadByCustomer(state, conversation, at as number | undefined),
    });
  });

  // Whether this conversation can receive images (IMAGE_SEND); TikTok turns it off per region.
  router.add(
    'POST',
    '/_sandbox/business/conversations/:id/capabilities',
    control('capabilities'),
    async ({ req, res, params }) => {
      const conversation = state.conversations.get(params.id ?? '');
      if (!conversation) return sendJson(res, 404, { error: 'no such conversation' });
      const body = await readJson(req);
      if (typeof body.imageSend !== 'boolean')
        return sendJson(res, 400, { error: 'imageSend must be a boolean' });
      conversation.imageSend = body.imageSend;
      sendJson(res, 200, { conversation: conversationSummary(state, conversation) });
    },
  );

  router.add('GET', '/_sandbox/business/settings', control('settings'), ({ res }) =>
    sendJson(res, 200, { settings: state.settings }),
  );

  router.add('POST', '/_sandbox/business/settings', control('settings.set'), async ({ req, res }) => {
    const body = await readJson(req);
    const problem = settingsProblem(body);
    if (problem) return sendJson(res, 400, { error: problem });
    state.settings = { ...state.settings, ...(body as Partial<BusinessSettings>) };
    sendJson(res, 200, { settings: state.settings });
  });

  registerBulkBusinessRoute(router, state);

  // The business typing in the TikTok app: an im_send_msg echo with message_tag source APP.
  router.add('POST', '/_sandbox/business/app-message', control('app-message'), async ({ req, res }) => {
    const body = await readJson(req);
    const conversation = state.conversations.get(str(body.conversationId) ?? '');
    if (!conversation) return sendJson(res, 404, { error: 'no such conversation' });
    try {
      const message = sendBusinessMessage(state, {
        conversation,
        type: 'text',
        text: str(body.text),
        source: 'APP',
      });
      sendJson(res, 201, { message: messageJson(state, conversation, message) });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      sendJson(res, 409, { error: { code: err.code, message: err.message } });
    }
  });

  router.add('GET', '/_sandbox/business/conversations', control('conversations'), ({ res, url }) => {
    const businessUserId = url.searchParams.get('businessUserId') ?? undefined;
    const list = state.conversations.list(businessUserId).map((c) => conversationSummary(state, c));
    sendJson(res, 200, { conversations: list });
  });

  router.add(
    'GET',
    '/_sandbox/business/conversations/:id/messages',
    control('messages'),
    ({ res, params }) => {
      const conversation = state.conversations.get(params.id ?? '');
      if (!conversation) return sendJson(res, 404, { error: 'no such conversation' });
      sendJson(res, 200, {
        conversation: conversationSummary(state, conversation),
        messages: conversation.messages.map((m) => messageJson(state, conversation, m)),
      });
    },
  );

  router.add('GET', '/_sandbox/business/tokens', control('tokens'), ({ res }) =>
    sendJson(res, 200, { tokens: state.tokens.all() }),
  );

  // Next API call with the token answers 40105.
  router.add(
    'POST',
    '/_sandbox/business/tokens/invalidate',
    control('tokens.invalidate'),
    async ({ req, res }) => {
      const tokens = matchingTokens(state, await readJson(req));
      for (const token of tokens) token.accessRevoked = true;
      sendJson(res, 200, { invalidated: tokens.length });
    },
  );

  // Access (and with `refresh: true` also refresh) tokens expire now: 40102, then 40103 on refresh.
  router.add('POST', '/_sandbox/business/tokens/expire', control('tokens.expire'), async ({ req, res }) => {
    const body = await readJson(req);
    const tokens = matchingTokens(state, body);
    const now = ctx.clock.nowMs();
    for (const token of tokens) {
      token.accessExpiresAtMs = Math.min(token.accessExpiresAtMs, now);
      if (body.refresh === true) token.refreshExpiresAtMs = Math.min(token.refreshExpiresAtMs, now);
    }
    sendJson(res, 200, { expired: tokens.length });
  });

  router.add('GET', '/_sandbox/business/webhooks', control('webhooks'), ({ res }) =>
    sendJson(res, 200, { callbacks: Object.fromEntries(state.webhookUrls) }),
  );
}
