import type { SandboxContext } from '../core/context';
import { AdsTokenStore } from './ads-token-store';
import { AdvertiserStore, seedAdvertisers as seedStore } from './advertiser-store';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './report-settings';

export type MarketingState = {
  ctx: SandboxContext;
  advertisers: AdvertiserStore;
  tokens: AdsTokenStore;
  reports: ReportSettings;
};

export function createMarketingState(ctx: SandboxContext): MarketingState {
  return {
    ctx,
    advertisers: new AdvertiserStore(),
    tokens: new AdsTokenStore(),
    reports: { ...DEFAULT_REPORT_SETTINGS },
  };
}

export function seedAdvertisers(state: MarketingState) {
  seedStore(state.advertisers, state.ctx.clock.nowSeconds());
}
