import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { loadSandboxConfig, type SandboxConfig } from './core/config';
import { createContext, type SandboxContext, type SandboxModule } from './core/context';
import { registerCoreControlRoutes } from './core/control-routes';
import { createDispatcher } from './core/dispatch';
import { Router } from './core/router';
import { MODULE_FACTORIES } from './modules';

export type RunningSandbox = {
  url: string;
  ctx: SandboxContext;
  server: Server;
  close: () => Promise<void>;
};

type Snapshot = { version: 1; clockOffsetMs: number; users: unknown; modules: Record<string, unknown> };

/** Starts the sandbox on `port` (0 = any free port, as tests use). */
export async function startSandbox(overrides: Partial<SandboxConfig> = {}): Promise<RunningSandbox> {
  // A port chosen by the caller also moves the public URL (and the verified prefix under it).
  const env = overrides.port ? { ...process.env, SANDBOX_PORT: String(overrides.port) } : process.env;
  const config = { ...loadSandboxConfig(env), ...overrides };
  let saveTimer: NodeJS.Timeout | null = null;
  const ctx = createContext(config, () => {
    if (!config.snapshotPath || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      saveSnapshot();
    }, 300);
  });
  const router = new Router();
  const modules: SandboxModule[] = MODULE_FACTORIES.map((factory) => factory(ctx));

  // Control-API changes to lifetimes, apps and webhook settings are undone by a reset too.
  let initialConfig: SandboxConfig | null = null;
  const resetAll = () => {
    if (initialConfig) {
      ctx.config.lifetimes = structuredClone(initialConfig.lifetimes);
      ctx.config.apps = structuredClone(initialConfig.apps);
      ctx.config.webhook = structuredClone(initialConfig.webhook);
      ctx.webhooks.configure(ctx.config.webhook);
    }
    ctx.users.clear();
    ctx.authCodes.clear();
    ctx.faults.clear();
    ctx.rateLimits.reset();
    ctx.requestLog.clear();
    ctx.webhooks.clear();
    ctx.clock.reset();
    for (const module of modules) module.reset?.();
    ctx.markDirty();
  };

  const saveSnapshot = () => {
    if (!config.snapshotPath) return;
    const snapshot: Snapshot = {
      version: 1,
      clockOffsetMs: ctx.clock.offset,
      users: ctx.users.snapshot(),
      modules: Object.fromEntries(modules.map((m) => [m.name, m.snapshot?.()])),
    };
    mkdirSync(dirname(config.snapshotPath), { recursive: true });
    writeFileSync(config.snapshotPath, JSON.stringify(snapshot));
  };

  registerCoreControlRoutes(router, ctx, resetAll);
  for (const module of modules) module.register(router);

  if (config.snapshotPath && existsSync(config.snapshotPath)) {
    const snapshot = JSON.parse(readFileSync(config.snapshotPath, 'utf8')) as Snapshot;
    ctx.clock.travel(snapshot.clockOffsetMs);
    ctx.users.restore(snapshot.users as never);
    for (const module of modules) {
      if (snapshot.modules[module.name] !== undefined) module.restore?.(snapshot.modules[module.name]);
    }
  }

  const server = createServer(createDispatcher(router, ctx));

  await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  if (config.port === 0) {
    const placeholder = config.publicUrl;
    config.publicUrl = url;
    for (const app of config.apps) {
      app.verifiedUrlPrefixes = app.verifiedUrlPrefixes.map((prefix) => prefix.replace(placeholder, url));
    }
  }

  initialConfig = structuredClone(config);

  return {
    url,
    ctx,
    server,
    close: async () => {
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveSnapshot();
      }
      ctx.webhooks.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
