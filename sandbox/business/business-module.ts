import type { ModuleFactory } from '../core/context';
import { type BusinessSettings, DEFAULT_BUSINESS_SETTINGS } from './business-settings';
import { createBusinessState } from './business-state';
import { registerBusinessControlRoutes } from './control-routes';
import type { Conversation } from './conversation-store';
import { registerConversationsPage } from './conversations-page';
import { registerMediaRoutes } from './media-routes';
import type { MediaStore } from './media-store';
import { registerMessageRoutes } from './message-routes';
import { registerOauthRoutes } from './oauth-routes';
import { registerProfileRoutes } from './profile-routes';
import { seedBusiness } from './seed';
import type { BusinessToken } from './token-store';
import { registerWebhookRoutes } from './webhook-routes';

type BusinessSnapshot = {
  tokens: BusinessToken[];
  conversations: Conversation[];
  media: ReturnType<MediaStore['snapshot']>;
  webhookUrls: [string, string][];
  settings?: BusinessSettings;
};

/** Business API (tt_user OAuth, business/get, DMs, webhooks) on business-api.tiktok.com. */
export const createBusinessModule: ModuleFactory = (ctx) => {
  const state = createBusinessState(ctx);
  seedBusiness(state);
  return {
    name: 'business',
    register(router) {
      registerOauthRoutes(router, state);
      registerProfileRoutes(router, state);
      registerWebhookRoutes(router, state);
      registerMessageRoutes(router, state);
      registerMediaRoutes(router, state);
      registerBusinessControlRoutes(router, state);
      registerConversationsPage(router, state);
    },
    reset() {
      state.tokens.clear();
      state.conversations.clear();
      state.media.clear();
      state.webhookUrls.clear();
      state.settings = { ...DEFAULT_BUSINESS_SETTINGS };
      seedBusiness(state);
    },
    snapshot: (): BusinessSnapshot => ({
      tokens: state.tokens.snapshot(),
      conversations: state.conversations.snapshot(),
      media: state.media.snapshot(),
      webhookUrls: [...state.webhookUrls],
      settings: state.settings,
    }),
    restore(data) {
      const snapshot = data as BusinessSnapshot;
      state.tokens.restore(snapshot.tokens ?? []);
      state.conversations.restore(snapshot.conversations ?? []);
      state.media.restore(snapshot.media ?? []);
      state.webhookUrls = new Map(snapshot.webhookUrls ?? []);
      state.settings = { ...DEFAULT_BUSINESS_SETTINGS, ...snapshot.settings };
    },
  };
};
