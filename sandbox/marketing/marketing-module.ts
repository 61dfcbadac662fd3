import type { ModuleFactory } from '../core/context';
import type { AdsToken } from './ads-token-store';
import { registerAdvertiserRoutes } from './advertiser-routes';
import type { AdvertiserStore } from './advertiser-store';
import { registerMarketingControlRoutes } from './control-routes';
import { registerEntityRoutes } from './entity-routes';
import { createMarketingState, seedAdvertisers } from './marketing-state';
import { registerOauthRoutes } from './oauth-routes';
import { registerPortalAuthPage } from './portal-auth-page';
import { registerReportRoutes } from './report-routes';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './report-settings';

type MarketingSnapshot = {
  advertisers: ReturnType<AdvertiserStore['snapshot']>;
  tokens: AdsToken[];
  reports?: ReportSettings;
};

/** Marketing API: portal consent, advertiser tokens, advertiser info and integrated reports. */
export const createMarketingModule: ModuleFactory = (ctx) => {
  const state = createMarketingState(ctx);
  seedAdvertisers(state);
  return {
    name: 'marketing',
    register(router) {
      registerPortalAuthPage(router, state);
      registerOauthRoutes(router, state);
      registerAdvertiserRoutes(router, state);
      registerReportRoutes(router, state);
      registerEntityRoutes(router, state);
      registerMarketingControlRoutes(router, state);
    },
    reset() {
      state.advertisers.clear();
      state.tokens.clear();
      state.reports = { ...DEFAULT_REPORT_SETTINGS };
      seedAdvertisers(state);
    },
    snapshot: (): MarketingSnapshot => ({
      advertisers: state.advertisers.snapshot(),
      tokens: state.tokens.snapshot(),
      reports: state.reports,
    }),
    restore(data) {
      const snapshot = data as MarketingSnapshot;
      if (snapshot.advertisers) state.advertisers.restore(snapshot.advertisers);
      state.tokens.restore(snapshot.tokens ?? []);
      state.reports = { ...DEFAULT_REPORT_SETTINGS, ...snapshot.reports };
    },
  };
};
