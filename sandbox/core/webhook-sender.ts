import { createHmac, randomUUID } from 'node:crypto';

export type DeliveryAttempt = { at: number; status: number | null; error: string | null };

export type Delivery = {
  id: string;
  url: string;
  event: string;
  body: string;
  attempts: DeliveryAttempt[];
  state: 'pending' | 'delivered' | 'failed';
  duplicateOf: string | null;
};

export type WebhookSenderOptions = {
  maxAttempts: number;
  baseDelayMs: number;
  duplicateProbability: number;
};

/** `TikTok-Signature: t=<unix seconds>,s=<hex HMAC-SHA256 of "t.body" keyed by the app secret>`. */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},s=${signature}`;
}

/**
 * Delivers signed webhook events the way TikTok does: POST, success only on HTTP 200, otherwise
 * retried with exponential backoff (bounded here; TikTok keeps trying for 72 hours).
 */
export class WebhookSender {
  private deliveries: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();

  constructor(private options: WebhookSenderOptions) {}

  configure(options: Partial<WebhookSenderOptions>) {
    this.options = { ...this.options, ...options };
  }

  send(input: {
    url: string;
    secret: string;
    event: string;
    envelope: unknown;
    duplicate?: boolean;
  }): Delivery | null {
    if (!input.url) return null;
    const body = JSON.stringify(input.envelope);
    const delivery = this.track(input.url, input.event, body, null);
    void this.attempt(delivery, input.secret);
    const duplicate = input.duplicate ?? Math.random() < this.options.duplicateProbability;
    if (duplicate) {
      const copy = this.track(input.url, input.event, body, delivery.id);
      void this.attempt(copy, input.secret);
    }
    return delivery;
  }

  list(limit = 200) {
    return this.deliveries
      .slice(-limit)
      .map(({ body, ...rest }) => ({ ...rest, body: JSON.parse(body) as unknown }));
  }

  clear() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries = [];
  }

  private track(url: string, event: string, body: string, duplicateOf: string | null): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      url,
      event,
      body,
      attempts: [],
      state: 'pending',
      duplicateOf,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > 2000) this.deliveries.shift();
    return delivery;
  }

  private async attempt(delivery: Delivery, secret: string) {
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
      void this.attempt(delivery, secret);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
