export type Fault = {
  endpoint: string;
  /** HTTP status to answer with (default 500 when no errorCode is given). */
  status?: number;
  /** TikTok error code to put in the body, in the surface's own envelope. */
  errorCode?: string | number;
  message?: string;
  latencyMs?: number;
  /** Fire this many times, then disappear. */
  count?: number;
  /** Fire with this probability (0..1) on each matching request. */
  probability?: number;
};

/** Faults injected through the control API, consumed by the dispatcher before a route runs. */
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

  /** Returns the fault to apply to this request, if any, decrementing its count. */
  take(endpoint: string, random: () => number = Math.random): Fault | null {
    const index = this.faults.findIndex((f) => f.endpoint === endpoint || f.endpoint === '*');
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
