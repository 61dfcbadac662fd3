import type { SandboxContext } from './context';
import { control, readJson } from './control-json';
import { sendJson } from './http';
import type { RateRule } from './rate-limit-rules';
import type { Router } from './router';

type Body = {
  rules?: (Partial<RateRule> & { id: string })[];
  /** false switches every rule off (true on); applied before `rules`. */
  enabled?: boolean;
  reset?: boolean;
  clearCounters?: boolean;
};

/** Rate limits per endpoint: read them (with refusal counts) and change them. */
export function registerRateLimitRoutes(router: Router, ctx: SandboxContext) {
  router.add('GET', '/_sandbox/rate-limits', control('rate-limits'), ({ res }) =>
    sendJson(res, 200, ctx.rateLimits.view()),
  );

  router.add('POST', '/_sandbox/rate-limits', control('rate-limits.set'), async ({ req, res }) => {
    const body = await readJson<Body>(req);
    if (body.reset) ctx.rateLimits.reset();
    if (body.clearCounters) ctx.rateLimits.clearCounters();
    if (typeof body.enabled === 'boolean') ctx.rateLimits.setAll(body.enabled);
    if (body.rules !== undefined) {
      if (!Array.isArray(body.rules) || body.rules.some((r) => typeof r?.id !== 'string'))
        return sendJson(res, 400, { error: 'rules must be a list of {id, …}' });
      const problem = ctx.rateLimits.update(body.rules);
      if (problem) return sendJson(res, 400, { error: problem });
    }
    sendJson(res, 200, ctx.rateLimits.view());
  });
}
