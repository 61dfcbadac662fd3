import { createHmac, randomUUID } from 'node:crypto';
import { HoldBook } from './webhook-holds';

export type DeliveryAttempt = { at: number; status: number | null; error: string | null };

export type Delivery = {
  id: string;
  /** Creation order; `mark()`/`settled()` use it to find the deliveries a request caused. */
  seq: number;
  url: string;
  event: string;
  userOpenId: string;
  body: string;
  attempts: DeliveryAttempt[];
  state: 'held' | 'pending' | 'delivered' | 'failed' | 'discarded';
  duplicateOf: string | null;
  replayOf: string | null;
};

export type WebhookSenderOptions = {
  maxAttempts: number;
  baseDelayMs: number;
  /** Probability (0..1) that a delivered event is delivered a second time, as TikTok may. */
  duplicateProbability: number;
};

export type ReleaseOrder = 'fifo' | 'reverse' | 'shuffle';

/** `TikTok-Signature: t=<unix seconds>,s=<hex HMAC-SHA256 of "t.body" keyed by the app secret>`. */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},s=${signature}`;
}

const MAX_KEPT = 5000;

/**
 * Delivers signed webhook events the way TikTok does: POST, success only on HTTP 200, otherwise
 * retried with exponential backoff (bounded here; TikTok keeps trying for 72 hours). Tests can hold
 * deliveries and release them later, in any order, or replay delivered ones: the at-least-once,
 * out-of-order delivery TikTok documents, on command.
 */
export class WebhookSender {
  private deliveries: Delivery[] = [];
  private byId = new Map<string, Delivery>();
  private secrets = new Map<string, string>();
  private firstAttempts = new Map<string, Promise<void>>();
  private timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  readonly holds = new HoldBook();

  constructor(private options: WebhookSenderOptions) {}

  configure(options: Partial<WebhookSenderOptions>) {
    this.options = { ...this.options, ...options };
  }

  send(input: {
    url: string;
    secret: string;
    event: string;
    envelope: { user_openid?: string } & Record<string, unknown>;
    duplicate?: boolean;
  }): Delivery | null {
    if (!input.url) return null;
    const body = JSON.stringify(input.envelope);
    const userOpenId = input.envelope.user_openid ?? '';
    const held = this.holds.claim(input.event, userOpenId);
    const delivery = this.track({ url: input.url, event: input.event, userOpenId, body }, input.secret, held);
    if (!held) this.start(delivery);
    const duplicate = input.duplicate ?? Math.random() < this.options.duplicateProbability;
    if (duplicate) {
      const copy = this.track(
        { url: input.url, event: input.event, userOpenId, body, duplicateOf: delivery.id },
        input.secret,
        held,
      );
      if (!held) this.start(copy);
    }
    return delivery;
  }

  list(filter: { limit?: number; state?: string; event?: string } = {}) {
    return this.deliveries
      .filter(
        (d) => (!filter.state || d.state === filter.state) && (!filter.event || d.event === filter.event),
      )
      .slice(-(filter.limit ?? 200))
      .map(({ body, ...rest }) => ({ ...rest, body: JSON.parse(body) as unknown }));
  }

  hold(rule: Parameters<HoldBook['add']>[0]) {
    return this.holds.add(rule);
  }

  /**
   * Sends held deliveries (the given ids in that order, else every held one in `order`), one after
   * another: each gets its first attempt answered before the next starts, so the receiver sees
   * exactly this order.
   */
  async release(input: { ids?: string[]; order?: ReleaseOrder; seed?: number }): Promise<string[]> {
    const chosen = input.ids
      ? input.ids.map((id) => this.byId.get(id)).filter((d): d is Delivery => d?.state === 'held')
      : arrange(
          this.deliveries.filter((d) => d.state === 'held'),
          input.order ?? 'fifo',
          input.seed ?? 1,
        );
    for (const delivery of chosen) {
      delivery.state = 'pending';
      await this.start(delivery);
    }
    return chosen.map((d) => d.id);
  }

  /** Delivers these deliveries' bodies again, as new deliveries signed now (TikTok's duplicates). */
  async replay(ids: string[]): Promise<string[]> {
    const copies: string[] = [];
    for (const id of ids) {
      const original = this.byId.get(id);
      const secret = this.secrets.get(id);
      if (!original || secret === undefined) continue;
      const copy = this.track({ ...original, replayOf: original.id }, secret, false);
      await this.start(copy);
      copies.push(copy.id);
    }
    return copies;
  }

  /** Held deliveries that will never arrive (TikTok gave up after 72 hours). */
  discard(ids?: string[]): string[] {
    const dropped = this.deliveries.filter((d) => d.state === 'held' && (!ids || ids.includes(d.id)));
    for (const delivery of dropped) delivery.state = 'discarded';
    return dropped.map((d) => d.id);
  }

  /** The sequence number of the latest delivery; pass it to `settled`. */
  mark(): number {
    return this.seq;
  }

  /** Resolves once every delivery created after `mark` had its first attempt (or is held), bounded. */
  async settled(mark: number, timeoutMs = 10_000) {
    const waits = this.deliveries
      .filter((d) => d.seq > mark)
      .map((d) => this.firstAttempts.get(d.id))
      .filter((p): p is Promise<void> => p !== undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(waits), timeout]);
    clearTimeout(timer);
  }

  clear() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries = [];
    this.byId.clear();
    this.secrets.clear();
    this.firstAttempts.clear();
    this.holds.clear();
  }

  private track(
    input: Pick<Delivery, 'url' | 'event' | 'userOpenId' | 'body'> & Partial<Delivery>,
    secret: string,
    held: boolean,
  ): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      seq: ++this.seq,
      url: input.url,
      event: input.event,
      userOpenId: input.userOpenId,
      body: input.body,
      attempts: [],
      state: held ? 'held' : 'pending',
      duplicateOf: input.duplicateOf ?? null,
      replayOf: input.replayOf ?? null,
    };
    this.deliveries.push(delivery);
    this.byId.set(delivery.id, delivery);
    this.secrets.set(delivery.id, secret);
    if (this.deliveries.length > MAX_KEPT) {
      const gone = this.deliveries.shift();
      if (gone) {
        this.byId.delete(gone.id);
        this.secrets.delete(gone.id);
        this.firstAttempts.delete(gone.id);
      }
    }
    return delivery;
  }

  private start(delivery: Delivery): Promise<void> {
    const first = this.attempt(delivery);
    this.firstAttempts.set(delivery.id, first);
    return first;
  }

  private async attempt(delivery: Delivery) {
    const secret = this.secrets.get(delivery.id) ?? '';
    // Signed with the real clock: the receiver checks freshness against its own clock, not sandbox time.
    const signature = signWebhook(secret, delivery.body, Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'TikTok-Signature': signature },
        body: delivery.body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    delivery.attempts.push({ at: Date.now(), status, error });
    if (status === 200) {
      delivery.state = 'delivered';
      return;
    }
    if (delivery.attempts.length >= this.options.maxAttempts) {
      delivery.state = 'failed';
      return;
    }
    const delay = this.options.baseDelayMs * 2 ** (delivery.attempts.length - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}

/** Orders held deliveries for release; `shuffle` is seeded so a failing test can be replayed. */
function arrange(deliveries: Delivery[], order: ReleaseOrder, seed: number): Delivery[] {
  if (order === 'reverse') return [...deliveries].reverse();
  if (order !== 'shuffle') return deliveries;
  const out = [...deliveries];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
