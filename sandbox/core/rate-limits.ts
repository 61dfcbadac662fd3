import { defaultRateRules, type RateRule, type RateScope } from './rate-limit-rules';

/** Timestamps in one window, oldest first; expired ones are dropped from the front. */
class SlidingLog {
  private times: number[] = [];
  private start = 0;

  count(nowMs: number, windowMs: number): number {
    while (this.start < this.times.length && (this.times[this.start] ?? 0) <= nowMs - windowMs) this.start++;
    // Compact now and then, so a day-long window does not shift a huge array on every hit.
    if (this.start > 1024 && this.start * 2 > this.times.length) {
      this.times = this.times.slice(this.start);
      this.start = 0;
    }
    return this.times.length - this.start;
  }

  add(nowMs: number) {
    this.times.push(nowMs);
  }
}

const matches = (pattern: string, endpoint: string) =>
  pattern.endsWith('*') ? endpoint.startsWith(pattern.slice(0, -1)) : pattern === endpoint;

/**
 * Every rate limit of the sandbox, shared by all surfaces. Windows run on the sandbox clock: time
 * travel is time passing, so it refills buckets as waiting would. Each surface maps a refusal to
 * its own error (429 `rate_limit_exceeded`, 40100, 40133).
 */
export class RateLimits {
  rules: RateRule[] = defaultRateRules();
  private logs = new Map<string, SlidingLog>();
  private refused = new Map<string, number>();

  /**
   * Counts a request against every enabled rule for this endpoint. Returns the rule that refuses
   * it (and records nothing), or null when every rule allows it (and records it in all of them).
   */
  hit(endpoint: string, ids: Partial<Record<RateScope, string>>, nowMs: number): RateRule | null {
    const applicable = this.rules.filter(
      (rule) =>
        rule.enabled && ids[rule.per] !== undefined && rule.endpoints.some((p) => matches(p, endpoint)),
    );
    const logs = applicable.map((rule) => {
      // One bucket per rule and identity: a rule listing several endpoints shares it across them.
      const key = `${rule.id}|${ids[rule.per]}`;
      let log = this.logs.get(key);
      if (!log) {
        log = new SlidingLog();
        this.logs.set(key, log);
      }
      return { rule, log };
    });
    for (const { rule, log } of logs) {
      if (log.count(nowMs, rule.windowMs) >= rule.limit) {
        this.refused.set(rule.id, (this.refused.get(rule.id) ?? 0) + 1);
        return rule;
      }
    }
    for (const { log } of logs) log.add(nowMs);
    return null;
  }

  /** Patches rules by id (creating complete new ones); returns a problem or null. */
  update(patches: (Partial<RateRule> & { id: string })[]): string | null {
    for (const patch of patches) {
      const problem = ruleProblem(patch);
      if (problem) return `${patch.id}: ${problem}`;
      const existing = this.rules.find((r) => r.id === patch.id);
      if (existing) Object.assign(existing, patch);
      else if (patch.endpoints && patch.per && patch.limit !== undefined && patch.windowMs !== undefined)
        this.rules.push({ enabled: true, source: 'control API', ...patch } as RateRule);
      else return `${patch.id}: a new rule needs endpoints, per, limit and windowMs`;
    }
    return null;
  }

  setAll(enabled: boolean) {
    for (const rule of this.rules) rule.enabled = enabled;
  }

  view() {
    return { rules: this.rules.map((r) => ({ ...r })), refused: Object.fromEntries(this.refused) };
  }

  clearCounters() {
    this.logs.clear();
    this.refused.clear();
  }

  reset() {
    this.rules = defaultRateRules();
    this.clearCounters();
  }
}

function ruleProblem(patch: Partial<RateRule>): string | null {
  if (patch.per !== undefined && !['token', 'app', 'advertiser'].includes(patch.per))
    return 'per must be token, app or advertiser';
  if (patch.limit !== undefined && !(Number.isInteger(patch.limit) && patch.limit >= 0))
    return 'limit must be a non-negative integer';
  if (patch.windowMs !== undefined && !(Number.isFinite(patch.windowMs) && patch.windowMs > 0))
    return 'windowMs must be positive';
  if (patch.endpoints !== undefined && !(Array.isArray(patch.endpoints) && patch.endpoints.length > 0))
    return 'endpoints must be a non-empty list';
  return null;
}
