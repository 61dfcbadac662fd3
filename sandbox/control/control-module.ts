import type { ModuleFactory } from '../core/context';
import { registerAppRoutes } from './app-routes';
import { registerAuthRoutes } from './auth-routes';
import { registerHomePage } from './home-page';
import { registerMediaRoutes } from './media-routes';
import { registerPostRoutes } from './post-routes';
import { seedUsers } from './seed-users';
import { registerUserRoutes } from './user-routes';

/** Control API and pages for the Login Kit / Open API half, plus the seed users. */
export const controlModule: ModuleFactory = (ctx) => {
  seedUsers(ctx);
  return {
    name: 'creator-control',
    register: (router) => {
      registerHomePage(router, ctx);
      registerUserRoutes(router, ctx);
      registerAuthRoutes(router, ctx);
      registerPostRoutes(router, ctx);
      registerAppRoutes(router, ctx);
      registerMediaRoutes(router, ctx);
    },
    // Runs after the users store is cleared by a reset, so a fresh sandbox is never empty.
    reset: () => seedUsers(ctx),
  };
};
