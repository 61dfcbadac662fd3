import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import { sendFault } from './fault-response';
import { type Fault, replacesAnswer } from './faults';
import { BodyTooLargeError, sendJson } from './http';
import { sendUnknownRoute } from './not-found';
import { captureResponse } from './response-capture';
import type { Route, RouteMeta, Router } from './router';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DEFAULT_HANG_MS = 120_000;

/**
 * The per-request pipeline: route → before-fault → handler (its answer captured when an
 * after-fault is armed) → after-fault → answer. API requests are logged whatever happens.
 */
export function createDispatcher(router: Router, ctx: SandboxContext) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', ctx.config.publicUrl);
    const found = router.match(req.method ?? 'GET', url.pathname);
    if (!found) return sendUnknownRoute(req, res, url, router.allowedMethods(url.pathname));
    const { route, params } = found;
    const api = route.surface !== 'control';
    let faulted = false;
    let answered = true;
    if (api) {
      // 'close' also fires for dropped and hung connections, which never 'finish'.
      res.on('close', () =>
        ctx.requestLog.record({
          at: ctx.clock.nowMs(),
          method: req.method ?? 'GET',
          path: url.pathname,
          endpoint: route.endpoint,
          status: answered ? res.statusCode : 0,
          fault: faulted,
        }),
      );
    }
    const before = api ? ctx.faults.take(route.endpoint, 'before') : null;
    if (before) {
      if (before.latencyMs) await sleep(before.latencyMs);
      if (replacesAnswer(before)) {
        faulted = true;
        req.resume();
        answered = answerWithFault(res, route, before);
        return;
      }
    }
    const after = api ? ctx.faults.take(route.endpoint, 'after') : null;
    const capture = after ? captureResponse(res) : null;
    const mark = ctx.webhooks.mark();
    await runHandler(req, res, url, params, route, ctx);
    if (!after || !capture) return;
    if (after.awaitWebhooks) await ctx.webhooks.settled(mark);
    if (after.latencyMs) await sleep(after.latencyMs);
    if (!replacesAnswer(after)) return capture.replay();
    faulted = true;
    capture.discard();
    answered = answerWithFault(res, route, after);
  };
}

async function runHandler(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  route: Route,
  ctx: SandboxContext,
) {
  try {
    await route.handler({ req, res, url, params, ctx, endpoint: route.endpoint });
    if (req.method !== 'GET') ctx.markDirty();
  } catch (err) {
    if (res.headersSent) return res.end();
    if (err instanceof BodyTooLargeError)
      return sendJson(res, 413, { error: { code: 'body_too_large', message: err.message } });
    if (err instanceof SyntaxError)
      return sendJson(res, 400, { error: { code: 'invalid_params', message: 'Malformed JSON body' } });
    console.error('[sandbox] handler failed', route.endpoint, err);
    sendJson(res, 500, { error: { code: 'internal_error', message: 'Sandbox handler failed' } });
  }
}

/** Answers (or pointedly does not answer) as the fault says; returns whether an answer went out. */
function answerWithFault(res: ServerResponse, route: RouteMeta, fault: Fault): boolean {
  if (fault.drop) {
    res.socket?.destroy();
    return false;
  }
  if (fault.timeout) {
    const timer = setTimeout(() => res.socket?.destroy(), fault.hangMs ?? DEFAULT_HANG_MS);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    return false;
  }
  sendFault(res, route.surface, fault);
  return true;
}
