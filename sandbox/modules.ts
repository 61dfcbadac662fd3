import { createBusinessModule } from './business/business-module';
import type { ModuleFactory } from './core/context';

/** Every TikTok surface the sandbox emulates. Each module adds its routes and owns its state. */
export const MODULE_FACTORIES: ModuleFactory[] = [createBusinessModule];
