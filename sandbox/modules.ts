import { createBusinessModule } from './business/business-module';
import { controlModule } from './control/control-module';
import type { ModuleFactory } from './core/context';
import { loginKitModule } from './login-kit/login-kit-module';
import { createMarketingModule } from './marketing/marketing-module';
import { openApiModule } from './open-api/open-api-module';

/** Every TikTok surface the sandbox emulates. Each module adds its routes and owns its state. */
export const MODULE_FACTORIES: ModuleFactory[] = [
  createBusinessModule,
  loginKitModule,
  openApiModule,
  controlModule,
  createMarketingModule,
];
