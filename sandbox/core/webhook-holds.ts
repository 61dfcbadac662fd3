export type HoldRule = {
  id: string;
  /** Event names; a trailing `*` matches a prefix (`im_*`, `post.publish.*`). Empty = every event. */
  events: string[];
  /** Only events about this account (the envelope's `user_openid`). */
  userOpenId: string | null;
  /** Hold only this many more deliveries, then the rule disappears; null = until removed. */
  remaining: number | null;
};

/** Rules that park new webhook deliveries instead of sending them, until a test releases them. */
export class HoldBook {
  private rules: HoldRule[] = [];
  private nextId = 1;

  add(input: { events?: string[]; userOpenId?: string | null; count?: number | null }): HoldRule {
    const rule: HoldRule = {
      id: `hold_${this.nextId++}`,
      events: input.events ?? [],
      userOpenId: input.userOpenId ?? null,
      remaining: input.count ?? null,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): HoldRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id?: string) {
    this.rules = id ? this.rules.filter((r) => r.id !== id) : [];
  }

  clear() {
    this.rules = [];
  }

  /** Whether a new delivery of this event must be held; counts it against the matching rule. */
  claim(event: string, userOpenId: string): boolean {
    const rule = this.rules.find(
      (r) =>
        (r.events.length === 0 || r.events.some((pattern) => matches(pattern, event))) &&
        (r.userOpenId === null || r.userOpenId === userOpenId),
    );
    if (!rule) return false;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return true;
  }
}

function matches(pattern: string, event: string) {
  return pattern.endsWith('*') ? event.startsWith(pattern.slice(0, -1)) : pattern === event;
}
