import { z } from 'zod';
import { type BucketName, type BucketRule, RATE_LIMIT_BUCKETS, type RateLimitTable } from './rate-limits';

const overrideSchema = z.record(
  z.string(),
  z.union([
    z.number().int().positive(),
    z.object({ limit: z.number().int().positive(), windowMs: z.number().int().positive().optional() }),
  ]),
);

export type RateLimitOverrides = {
  /** Multiplies every limit (after `buckets`): `0.1` for a bench against a sandbox scaled the same way. */
  scale?: number;
  /** `TIKTOK_RATE_LIMITS` as written: `{"business-api.qps": 20}` or `{"<bucket>": {"limit": 20, "windowMs": 1000}}`. */
  buckets?: string;
};

/**
 * The documented table with a deployment's overrides applied: a higher Marketing tier, limits TikTok
 * raised for the app on request, or a uniformly scaled-down sandbox. Unknown bucket names are an
 * error, so a typo cannot silently leave the documented limit in place. A scaled limit never drops
 * below 1.
 */
export function loadRateLimits({ scale = 1, buckets }: RateLimitOverrides = {}): RateLimitTable {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError('TIKTOK_RATE_LIMIT_SCALE must be a positive number');
  }
  const overrides = buckets ? parseOverrides(buckets) : {};
  const table = {} as RateLimitTable;
  for (const [name, rule] of Object.entries(RATE_LIMIT_BUCKETS) as [BucketName, BucketRule][]) {
    const override = overrides[name];
    const limit = typeof override === 'number' ? override : (override?.limit ?? rule.limit);
    const windowMs = typeof override === 'object' ? (override.windowMs ?? rule.windowMs) : rule.windowMs;
    table[name] = { ...rule, limit: Math.max(1, Math.floor(limit * scale)), windowMs };
  }
  return table;
}

function parseOverrides(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RangeError('TIKTOK_RATE_LIMITS must be a JSON object');
  }
  const parsed = overrideSchema.safeParse(json);
  if (!parsed.success) {
    throw new RangeError(
      'TIKTOK_RATE_LIMITS must map bucket names to a positive integer or {"limit", "windowMs"}',
    );
  }
  const unknown = Object.keys(parsed.data).filter((name) => !(name in RATE_LIMIT_BUCKETS));
  if (unknown.length > 0) {
    throw new RangeError(
      `TIKTOK_RATE_LIMITS names unknown buckets: ${unknown.join(', ')} (known: ${Object.keys(RATE_LIMIT_BUCKETS).join(', ')})`,
    );
  }
  return parsed.data as Partial<Record<BucketName, z.infer<typeof overrideSchema>[string]>>;
}
