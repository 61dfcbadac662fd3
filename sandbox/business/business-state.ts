import type { SandboxContext } from '../core/context';
import { type BusinessSettings, DEFAULT_BUSINESS_SETTINGS } from './business-settings';
import { ConversationStore } from './conversation-store';
import { MediaStore } from './media-store';
import { BusinessTokenStore } from './token-store';

/** Everything the Business API module owns; users live in the shared ctx.users store. */
export type BusinessState = {
  ctx: SandboxContext;
  tokens: BusinessTokenStore;
  conversations: ConversationStore;
  media: MediaStore;
  /** Callback URLs registered through business/webhook/update/, keyed by webhookKey(). */
  webhookUrls: Map<string, string>;
  settings: BusinessSettings;
};

export function createBusinessState(ctx: SandboxContext): BusinessState {
  return {
    ctx,
    tokens: new BusinessTokenStore(),
    conversations: new ConversationStore(),
    media: new MediaStore(),
    webhookUrls: new Map(),
    settings: { ...DEFAULT_BUSINESS_SETTINGS },
  };
}

/** Apps that currently hold an authorization for this business account (they receive its events). */
export function authorizedAppIds(state: BusinessState, openId: string): string[] {
  const now = state.ctx.clock.nowMs();
  const ids = state.tokens
    .forAccount(openId)
    .filter((t) => t.refreshExpiresAtMs > now && !(t.accessRevoked && t.refreshUsed))
    .map((t) => t.appId);
  return [...new Set(ids)];
}

export function webhookKey(appId: string, eventType: string) {
  return `${appId}:${eventType}`;
}
