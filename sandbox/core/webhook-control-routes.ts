import type { SandboxContext } from './context';
import { control, readJson } from './control-json';
import { sendJson } from './http';
import type { Router } from './router';
import type { ReleaseOrder } from './webhook-sender';

const ORDERS: ReleaseOrder[] = ['fifo', 'reverse', 'shuffle'];
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Webhook deliveries: inspect, hold, release in any order, replay, discard; retry settings. */
export function registerWebhookControlRoutes(router: Router, ctx: SandboxContext) {
  const { webhooks } = ctx;

  router.add('GET', '/_sandbox/webhooks/deliveries', control('webhooks.deliveries'), ({ res, url }) => {
    const q = url.searchParams;
    sendJson(res, 200, {
      deliveries: webhooks.list({
        limit: Number(q.get('limit') ?? 200),
        state: q.get('state') ?? undefined,
        event: q.get('event') ?? undefined,
      }),
    });
  });

  router.add('POST', '/_sandbox/webhooks/config', control('webhooks.config'), async ({ req, res }) => {
    const body = await readJson<{
      maxAttempts?: number;
      baseDelayMs?: number;
      duplicateProbability?: number;
    }>(req);
    webhooks.configure(body);
    sendJson(res, 200, { ok: true });
  });

  router.add('GET', '/_sandbox/webhooks/holds', control('webhooks.holds'), ({ res }) =>
    sendJson(res, 200, { holds: webhooks.holds.list() }),
  );

  router.add('POST', '/_sandbox/webhooks/hold', control('webhooks.hold'), async ({ req, res }) => {
    const body = await readJson<{ events?: unknown; userOpenId?: unknown; count?: unknown }>(req);
    if (body.events !== undefined && !isStrings(body.events))
      return sendJson(res, 400, { error: 'events must be a list of event names' });
    if (body.userOpenId !== undefined && typeof body.userOpenId !== 'string')
      return sendJson(res, 400, { error: 'userOpenId must be a string' });
    if (body.count !== undefined && !(Number.isInteger(body.count) && (body.count as number) > 0))
      return sendJson(res, 400, { error: 'count must be a positive integer' });
    const hold = webhooks.hold({
      events: body.events as string[] | undefined,
      userOpenId: body.userOpenId as string | undefined,
      count: body.count as number | undefined,
    });
    sendJson(res, 201, { hold });
  });

  // Stops holding new deliveries (all rules, or one by id); what is already held stays held.
  router.add('DELETE', '/_sandbox/webhooks/holds', control('webhooks.holds.clear'), ({ res, url }) => {
    webhooks.holds.remove(url.searchParams.get('id') ?? undefined);
    sendJson(res, 200, { holds: webhooks.holds.list() });
  });

  router.add('POST', '/_sandbox/webhooks/release', control('webhooks.release'), async ({ req, res }) => {
    const body = await readJson<{ ids?: unknown; order?: unknown; seed?: unknown }>(req);
    if (body.ids !== undefined && !isStrings(body.ids))
      return sendJson(res, 400, { error: 'ids must be strings' });
    if (body.order !== undefined && !ORDERS.includes(body.order as ReleaseOrder))
      return sendJson(res, 400, { error: `order must be one of ${ORDERS.join(', ')}` });
    const released = await webhooks.release({
      ids: body.ids as string[] | undefined,
      order: body.order as ReleaseOrder | undefined,
      seed: typeof body.seed === 'number' ? body.seed : undefined,
    });
    sendJson(res, 200, { released });
  });

  router.add('POST', '/_sandbox/webhooks/replay', control('webhooks.replay'), async ({ req, res }) => {
    const body = await readJson<{ ids?: unknown }>(req);
    if (!isStrings(body.ids) || body.ids.length === 0)
      return sendJson(res, 400, { error: 'ids must list delivery ids' });
    sendJson(res, 200, { replayed: await webhooks.replay(body.ids) });
  });

  router.add('POST', '/_sandbox/webhooks/discard', control('webhooks.discard'), async ({ req, res }) => {
    const body = await readJson<{ ids?: unknown }>(req);
    if (body.ids !== undefined && !isStrings(body.ids))
      return sendJson(res, 400, { error: 'ids must be strings' });
    sendJson(res, 200, { discarded: webhooks.discard(body.ids as string[] | undefined) });
  });
}
