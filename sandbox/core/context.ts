import { AuthCodeStore } from './auth-codes';
import { Clock } from './clock';
import type { SandboxConfig } from './config';
import { FaultBook } from './faults';
import { RateLimits } from './rate-limits';
import { RequestLog } from './request-log';
import type { Router } from './router';
import { UserStore } from './users';
import { WebhookSender } from './webhook-sender';

/** Shared state every sandbox module works with. Module-specific state lives in the module. */
export type SandboxContext = {
  config: SandboxConfig;
  clock: Clock;
  users: UserStore;
  authCodes: AuthCodeStore;
  faults: FaultBook;
  requestLog: RequestLog;
  webhooks: WebhookSender;
  rateLimits: RateLimits;
  /** Ask for the state to be written to the snapshot file soon (no-op without one). */
  markDirty: () => void;
};

/**
 * A slice of TikTok (Login Kit, Open API, Business API, …). Modules register their routes and own
 * their state; reset/snapshot/restore let the control API and dev restarts treat them uniformly.
 */
export type SandboxModule = {
  name: string;
  register: (router: Router) => void;
  reset?: () => void;
  snapshot?: () => unknown;
  restore?: (data: unknown) => void;
};

export type ModuleFactory = (ctx: SandboxContext) => SandboxModule;

export function createContext(config: SandboxConfig, markDirty: () => void = () => {}): SandboxContext {
  return {
    config,
    clock: new Clock(),
    users: new UserStore(),
    authCodes: new AuthCodeStore(),
    faults: new FaultBook(),
    requestLog: new RequestLog(),
    webhooks: new WebhookSender(config.webhook),
    rateLimits: new RateLimits(),
    markDirty,
  };
}
