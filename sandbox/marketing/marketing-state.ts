import type { SandboxContext } from '../core/context';
import { AdsTokenStore } from './ads-token-store';
import { AdvertiserStore, SEED_ADVERTISERS } from './advertiser-store';
import { RateLimiter } from './rate-limiter';

export type MarketingState = {
  ctx: SandboxContext;
  advertisers: AdvertiserStore;
  tokens: AdsTokenStore;
  limiter: RateLimiter;
};

export function createMarketingState(ctx: SandboxContext): MarketingState {
  return { ctx, advertisers: new AdvertiserStore(), tokens: new AdsTokenStore(), limiter: new RateLimiter() };
}

export function seedAdvertisers(state: MarketingState) {
  for (const advertiser of SEED_ADVERTISERS)
    state.advertisers.create(advertiser, state.ctx.clock.nowSeconds());
}
