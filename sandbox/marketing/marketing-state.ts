import type { SandboxContext } from '../core/context';
import { AdsTokenStore } from './ads-token-store';
import { AdvertiserStore, SEED_ADVERTISERS } from './advertiser-store';

export type MarketingState = {
  ctx: SandboxContext;
  advertisers: AdvertiserStore;
  tokens: AdsTokenStore;
};

export function createMarketingState(ctx: SandboxContext): MarketingState {
  return { ctx, advertisers: new AdvertiserStore(), tokens: new AdsTokenStore() };
}

export function seedAdvertisers(state: MarketingState) {
  for (const advertiser of SEED_ADVERTISERS)
    state.advertisers.create(advertiser, state.ctx.clock.nowSeconds());
}
