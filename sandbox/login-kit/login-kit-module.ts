import type { ModuleFactory } from '../core/context';
import { registerAuthorizeRoutes } from './authorize-routes';
import { loginKitState } from './login-kit-state';
import { registerRevokeRoute } from './revoke-route';
import { registerTokenRoute } from './token-route';

/** Login Kit: the consent page on www.tiktok.com and the OAuth endpoints on open.tiktokapis.com. */
export const loginKitModule: ModuleFactory = (ctx) => {
  const state = loginKitState(ctx);
  return {
    name: 'login-kit',
    register: (router) => {
      registerAuthorizeRoutes(router, ctx);
      registerTokenRoute(router, ctx);
      registerRevokeRoute(router, ctx);
    },
    reset: () => state.clear(),
    snapshot: () => state.snapshot(),
    restore: (data) => state.restore(data as ReturnType<typeof state.snapshot>),
  };
};
