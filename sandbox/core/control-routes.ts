import type { SandboxContext } from './context';
import { control, readJson } from './control-json';
import { type Fault, faultProblem } from './faults';
import { sendJson } from './http';
import { registerRateLimitRoutes } from './rate-limit-routes';
import type { Router } from './router';
import { registerWebhookControlRoutes } from './webhook-control-routes';

/** Control API shared by every module: reset, faults, request log, time travel, webhooks, rate limits. */
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
    const fault = await readJson<Fault>(req);
    const problem = faultProblem(fault);
    if (problem) return sendJson(res, 400, { error: problem });
    ctx.faults.add(fault);
    sendJson(res, 201, { faults: ctx.faults.list() });
  });

  router.add('DELETE', '/_sandbox/faults', control('faults.clear'), ({ res }) => {
    ctx.faults.clear();
    sendJson(res, 200, { ok: true });
  });

  router.add('POST', '/_sandbox/time-travel', control('time-travel'), async ({ req, res }) => {
    const body = await readJson<{ days?: number; seconds?: number }>(req);
    const ms = ((body.days ?? 0) * 86_400 + (body.seconds ?? 0)) * 1000;
    ctx.clock.travel(ms);
    ctx.markDirty();
    sendJson(res, 200, { now: ctx.clock.nowMs(), offsetMs: ctx.clock.offset });
  });

  registerWebhookControlRoutes(router, ctx);
  registerRateLimitRoutes(router, ctx);
}
