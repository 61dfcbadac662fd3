import { createHash } from 'node:crypto';
import {
  BUSINESS_API_APP_BUCKETS,
  BUSINESS_API_PATH_BUCKETS,
  type BucketName,
  type BucketRule,
  OPEN_API_ENDPOINT_BUCKETS,
  type RateLimitTable,
} from './rate-limits';

/**
 * What the limiter needs to know about one outbound request: which host and endpoint, and whose
 * quota it spends (the app id for app-wide buckets, the access token for per-token ones). The HTTP
 * layer builds it from the request itself, so callers never pick buckets by hand.
 */
export type PaceTarget =
  /** open.tiktokapis.com; `path` as sent, e.g. `/v2/user/info/`. */
  | { host: 'open-api'; path: string; accessToken?: string; appId?: string }
  /** business-api.tiktok.com; `path` below `/open_api/v1.3/`, e.g. `report/integrated/get/`. */
  | { host: 'business-api'; path: string; appId: string; accessToken?: string }
  /** An `upload_url` from an init call: no documented limit, but a 429 there still slows us down. */
  | { host: 'upload' };

export type PlannedBucket = { name: BucketName; rule: BucketRule; key: string };

const KEY_PREFIX = 'pace';

/** Tokens never appear in Redis: a per-token bucket is keyed by a truncated SHA-256 of the token. */
export function tokenSubject(accessToken: string): string {
  return `t.${createHash('sha256').update(accessToken).digest('base64url').slice(0, 22)}`;
}

function bucketNames(target: PaceTarget): readonly BucketName[] {
  if (target.host === 'upload') return [];
  if (target.host === 'business-api') {
    return [...BUSINESS_API_APP_BUCKETS, ...(BUSINESS_API_PATH_BUCKETS[target.path] ?? [])];
  }
  const names = OPEN_API_ENDPOINT_BUCKETS[target.path];
  if (!names) {
    throw new Error(
      `No rate-limit entry for Open API path ${target.path}: add it to OPEN_API_ENDPOINT_BUCKETS in lib/tiktok/pacing/rate-limits.ts`,
    );
  }
  return names;
}

/** The Redis keys this request spends capacity from, in a stable order. */
export function planBuckets(target: PaceTarget, table: RateLimitTable): PlannedBucket[] {
  return bucketNames(target).map((name) => {
    const rule = table[name];
    let subject: string | undefined;
    if (rule.scope === 'token')
      subject = 'accessToken' in target && target.accessToken ? tokenSubject(target.accessToken) : undefined;
    else subject = 'appId' in target && target.appId ? `app.${target.appId}` : undefined;
    if (!subject) {
      throw new Error(
        `Rate-limit bucket ${name} needs the request's ${rule.scope === 'token' ? 'access token' : 'app id'}`,
      );
    }
    return { name, rule, key: `${KEY_PREFIX}:${name}:${subject}` };
  });
}

/** For messages: the endpoint without any token, e.g. `open-api /v2/user/info/`. */
export function describeTarget(target: PaceTarget): string {
  return target.host === 'upload' ? 'upload' : `${target.host} ${target.path}`;
}
