import type { SandboxContext } from './context';
import type { Fault } from './faults';
import { readBody, sendJson } from './http';
import type { Router } from './router';

const control = (endpoint: string) => ({ endpoint: `control.${endpoint}`, surface: 'control' as const });

async function readJsonBody<T>(req: Parameters<typeof readBody>[0]): Promise<T> {
  const raw = await readBody(req, 1024 * 1024);
  return (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as T;
}

/** Control API shared by every module: reset, faults, request log, time travel, webhook deliveries. */
export function registerCoreControlRoutes(router: Router, ctx: SandboxContext, resetAll: () => void) {
  router.add('GET', '/_sandbox/health', control('health'), ({ res }) =>
    sendJson(res, 200, { ok: true, now: ctx.clock.nowMs(), offsetMs: ctx.clock.offset }),
  );

  router.add('POST', '/_sandbox/reset', control('reset'), ({ res }) => {
    resetAll();
    sendJson(res, 200, { ok: true });
  });

  router.add('GET', '/_sandbox/requests', control('requests'), ({ res, url }) => {
    const endpoint = url.searchParams.get('endpoint') ?? undefined;
    const limit = Number(url.searchParams.get('limit') ?? 200);
    sendJson(res, 200, {
      requests: ctx.requestLog.list({ endpoint, limit }),
      counts: ctx.requestLog.countsByEndpoint(),
    });
  });

  router.add('DELETE', '/_sandbox/requests', control('requests.clear'), ({ res }) => {
    ctx.requestLog.clear();
    sendJson(res, 200, { ok: true });
  });

  router.add('GET', '/_sandbox/faults', control('faults'), ({ res }) =>
    sendJson(res, 200, { faults: ctx.faults.list() }),
  );

  router.add('POST', '/_sandbox/faults', control('faults.add'), async ({ req, res }) => {
    const fault = await readJsonBody<Fault>(req);
    if (!fault.endpoint) return sendJson(res, 400, { error: 'endpoint is required' });
    ctx.faults.add(fault);
    sendJson(res, 201, { faults: ctx.faults.list() });
  });

  router.add('DELETE', '/_sandbox/faults', control('faults.clear'), ({ res }) => {
    ctx.faults.clear();
    sendJson(res, 200, { ok: true });
  });

  router.add('POST', '/_sandbox/time-travel', control('time-travel'), async ({ req, res }) => {
    const body = await readJsonBody<{ days?: number; seconds?: number }>(req);
    const ms = ((body.days ?? 0) * 86_400 + (body.seconds ?? 0)) * 1000;
    ctx.clock.travel(ms);
    ctx.markDirty();
    sendJson(res, 200, { now: ctx.clock.nowMs(), offsetMs: ctx.clock.offset });
  });

  router.add('GET', '/_sandbox/webhooks/deliveries', control('webhooks.deliveries'), ({ res, url }) => {
    sendJson(res, 200, { deliveries: ctx.webhooks.list(Number(url.searchParams.get('limit') ?? 200)) });
  });

  router.add('POST', '/_sandbox/webhooks/config', control('webhooks.config'), async ({ req, res }) => {
    const body = await readJsonBody<{
      maxAttempts?: number;
      baseDelayMs?: number;
      duplicateProbability?: number;
    }>(req);
    ctx.webhooks.configure(body);
    sendJson(res, 200, { ok: true });
  });
}
