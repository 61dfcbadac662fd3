export type Fault = {
  /** Route endpoint name (`oauth.token`, `business.message.send`, …) or `*` for every API route. */
  endpoint: string;
  /**
   * Fire after the real handler ran: TikTok did the work (a post was created, a message sent), but
   * the answer is lost, late or replaced. Without it the fault fires before the handler, so nothing
   * happened at TikTok.
   */
  after?: boolean;
  /** HTTP status to answer with (default 500 when no errorCode is given). */
  status?: number;
  /** TikTok error code to put in the body, in the surface's own envelope. */
  errorCode?: string | number;
  message?: string;
  /** Wait this long first (before: before the handler; after: before answering). */
  latencyMs?: number;
  /** Close the connection without answering: the client sees a reset ("socket hang up"). */
  drop?: boolean;
  /** Never answer, so the client's own timeout fires; the socket is closed after `hangMs`. */
  timeout?: boolean;
  hangMs?: number;
  /**
   * After-faults only: hold the real answer until the webhooks the handler emitted (e.g. the
   * im_send_msg echo of a send) had their first delivery attempt, so they arrive before it.
   */
  awaitWebhooks?: boolean;
  /** Fire this many times, then disappear. */
  count?: number;
  /** Fire with this probability (0..1) on each matching request. */
  probability?: number;
};

/** Returns why a fault cannot work, or null. */
export function faultProblem(fault: Partial<Fault>): string | null {
  if (!fault.endpoint || typeof fault.endpoint !== 'string') return 'endpoint is required';
  if (fault.drop && fault.timeout) return 'drop and timeout exclude each other';
  if ((fault.drop || fault.timeout) && (fault.status !== undefined || fault.errorCode !== undefined))
    return 'a dropped or timed-out request has no status or errorCode';
  if (fault.awaitWebhooks && !fault.after) return 'awaitWebhooks needs after: true';
  if (fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1))
    return 'probability must be between 0 and 1';
  return null;
}

/** Whether the fault replaces the real answer (as opposed to only delaying it). */
export function replacesAnswer(fault: Fault): boolean {
  return Boolean(fault.drop || fault.timeout || fault.status !== undefined || fault.errorCode !== undefined);
}

/** Faults injected through the control API, consumed by the dispatcher around a route. */
export class FaultBook {
  private faults: Fault[] = [];

  add(fault: Fault) {
    this.faults.push({ ...fault });
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear() {
    this.faults = [];
  }

  /** Returns the fault to apply to this request at this phase, if any, decrementing its count. */
  take(endpoint: string, phase: 'before' | 'after', random: () => number = Math.random): Fault | null {
    const index = this.faults.findIndex(
      (f) => (f.endpoint === endpoint || f.endpoint === '*') && Boolean(f.after) === (phase === 'after'),
    );
    if (index === -1) return null;
    const fault = this.faults[index]!;
    if (fault.probability !== undefined && random() >= fault.probability) return null;
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.faults.splice(index, 1);
    }
    return fault;
  }
}
