import { findApp } from '../core/config';
import { control, readJson } from '../core/control-json';
import { sendJson } from '../core/http';
import type { Router } from '../core/router';
import type { BusinessState } from './business-state';
import { receiveCustomerDm } from './customer-actions';
import { messagingRestricted } from './messaging-region';
import { BUSINESS_SCOPES } from './scopes';

type BulkBody = {
  count?: number;
  conversationsEach?: number;
  region?: string;
  scopes?: string[];
  usernamePrefix?: string;
};

const MAX_ACCOUNTS = 20_000;
const MAX_CONVERSATIONS = 1_000;

/**
 * POST /_sandbox/business/accounts/bulk: many business accounts at once, each authorized for the
 * Business app with tokens in the answer, optionally with open conversations (one customer
 * message each, inside the reply window), for inbox benches.
 */
export function registerBulkBusinessRoute(router: Router, state: BusinessState) {
  const { ctx } = state;
  router.add('POST', '/_sandbox/business/accounts/bulk', control('business.bulk'), async ({ req, res }) => {
    const body = await readJson<BulkBody>(req);
    const count = body.count ?? 0;
    const conversationsEach = body.conversationsEach ?? 0;
    if (!Number.isInteger(count) || count < 1 || count > MAX_ACCOUNTS)
      return sendJson(res, 400, { error: `count must be an integer from 1 to ${MAX_ACCOUNTS}` });
    if (
      !Number.isInteger(conversationsEach) ||
      conversationsEach < 0 ||
      conversationsEach > MAX_CONVERSATIONS
    )
      return sendJson(res, 400, {
        error: `conversationsEach must be an integer from 0 to ${MAX_CONVERSATIONS}`,
      });
    if (body.region !== undefined && !/^[A-Z]{2}$/.test(body.region))
      return sendJson(res, 400, { error: 'region must be a two-letter country code' });
    const app = ctx.config.apps.find((candidate) => candidate.kind === 'business');
    if (!app || !findApp(ctx.config, 'business', app.id))
      return sendJson(res, 500, { error: 'no Business app configured' });
    const scopes = body.scopes ?? BUSINESS_SCOPES;
    const now = ctx.clock.nowMs();
    const prefix = body.usernamePrefix ?? `biz_${now.toString(36)}`;
    const accounts = Array.from({ length: count }, (_, i) => {
      const user = ctx.users.create(
        { kind: 'business', username: `${prefix}_${i + 1}`, region: body.region ?? 'US' },
        now,
      );
      // Conversations first: they predate the connection, so they fire no webhooks and an app
      // finds them through conversation/list (the backfill path).
      const conversationIds = messagingRestricted(user)
        ? []
        : Array.from(
            { length: conversationsEach },
            (_, c) =>
              receiveCustomerDm(state, {
                business: user,
                customer: { id: `${user.id}-c${c + 1}`, username: `customer_${c + 1}` },
                text: `Hello from customer ${c + 1}`,
              }).conversation.id,
          );
      const token = state.tokens.issue({
        appId: app.id,
        openId: user.openId,
        userId: user.id,
        scopes,
        nowMs: now,
        lifetimes: ctx.config.lifetimes.business,
      });
      return {
        userId: user.id,
        openId: user.openId,
        username: user.username,
        accessToken: token.accessToken,
        refreshToken: token.refreshToken,
        accessExpiresAtMs: token.accessExpiresAtMs,
        refreshExpiresAtMs: token.refreshExpiresAtMs,
        scope: scopes.join(','),
        conversationIds,
      };
    });
    ctx.markDirty();
    sendJson(res, 201, { accounts });
  });
}
