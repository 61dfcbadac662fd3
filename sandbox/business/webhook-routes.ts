import { findApp } from '../core/config';
import type { Router } from '../core/router';
import {
  ApiError,
  apiRoute,
  CODES,
  type JsonObject,
  readJsonObject,
  requireString,
  sendOk,
} from './api-error';
import { type BusinessState, webhookKey } from './business-state';

const BASE = '/open_api/v1.3/business/webhook';
const EVENT_TYPES = ['DIRECT_MESSAGE', 'VIDEO', 'COMMENT'];
const meta = (endpoint: string) => ({ endpoint: `business.${endpoint}`, surface: 'business' as const });

/** Webhooks are per app, and the app authenticates with app_id + secret, not an Access-Token. */
function requireAppAndEvent(state: BusinessState, source: JsonObject | URLSearchParams) {
  const app = findApp(state.ctx.config, 'business', requireString(source, 'app_id'));
  if (!app || app.secret !== requireString(source, 'secret'))
    throw new ApiError(CODES.appCredentialsInvalid, 'The app_id or secret is invalid.');
  const eventType = requireString(source, 'event_type');
  if (!EVENT_TYPES.includes(eventType))
    throw new ApiError(CODES.invalidParam, `event_type: Must be one of ${EVENT_TYPES.join(', ')}.`);
  return { app, eventType };
}

export function registerWebhookRoutes(router: Router, state: BusinessState) {
  router.add(
    'POST',
    `${BASE}/update/`,
    meta('webhook.update'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const { app, eventType } = requireAppAndEvent(state, body);
      const callbackUrl = requireString(body, 'callback_url');
      if (!/^https?:\/\/[^\s]+$/.test(callbackUrl))
        throw new ApiError(CODES.invalidParam, 'callback_url: Not a valid URL.');
      state.webhookUrls.set(webhookKey(app.id, eventType), callbackUrl);
      sendOk(res, { app_id: app.id, event_type: eventType, callback_url: callbackUrl });
    }),
  );

  router.add(
    'GET',
    `${BASE}/list/`,
    meta('webhook.list'),
    apiRoute(({ res, url }) => {
      const { app, eventType } = requireAppAndEvent(state, url.searchParams);
      const callbackUrl = state.webhookUrls.get(webhookKey(app.id, eventType));
      sendOk(res, {
        list: callbackUrl ? [{ app_id: app.id, event_type: eventType, callback_url: callbackUrl }] : [],
      });
    }),
  );

  router.add(
    'POST',
    `${BASE}/delete/`,
    meta('webhook.delete'),
    apiRoute(async ({ req, res }) => {
      const body = await readJsonObject(req);
      const { app, eventType } = requireAppAndEvent(state, body);
      state.webhookUrls.delete(webhookKey(app.id, eventType));
      sendOk(res, { app_id: app.id, event_type: eventType });
    }),
  );
}
