import { z } from 'zod';

/**
 * The app's configuration, validated once. Every variable is optional in development (embedded
 * Postgres and Redis, the TikTok sandbox); production refuses to start without the ones it needs.
 */

const SANDBOX_URL = 'http://localhost:4010';
const DEV_DEFAULTS = {
  APP_URL: 'http://localhost:3000',
  AUTH_SECRET: 'tokdesk-development-auth-secret-do-not-use-in-production',
  UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079',
  UPSTASH_REDIS_REST_TOKEN: 'tokdesk-local-kv-token',
  CRON_SECRET: 'tokdesk-development-cron-secret',
  // The sandbox's registered apps (sandbox/core/config.ts); real TikTok never sees these.
  TIKTOK_CLIENT_KEY: 'sbxclientkey0001',
  TIKTOK_CLIENT_SECRET: 'sbx-secret-login-kit-0001',
  TIKTOK_BUSINESS_APP_ID: '7100000000000000001',
  TIKTOK_BUSINESS_APP_SECRET: 'sbx-secret-business-0001',
  TIKTOK_ADS_APP_ID: '7100000000000000002',
  TIKTOK_ADS_APP_SECRET: 'sbx-secret-ads-0001',
  TIKTOK_AUTH_BASE_URL: SANDBOX_URL,
  TIKTOK_OPEN_API_BASE_URL: SANDBOX_URL,
  TIKTOK_BUSINESS_API_BASE_URL: SANDBOX_URL,
} as const;

const PRODUCTION_DEFAULTS = {
  TIKTOK_AUTH_BASE_URL: 'https://www.tiktok.com',
  TIKTOK_OPEN_API_BASE_URL: 'https://open.tiktokapis.com',
  TIKTOK_BUSINESS_API_BASE_URL: 'https://business-api.tiktok.com',
} as const;

const REQUIRED_IN_PRODUCTION = [
  'APP_URL',
  'AUTH_SECRET',
  'DATABASE_URL',
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'TOKEN_ENCRYPTION_KEYS',
  'CRON_SECRET',
  'TIKTOK_CLIENT_KEY',
  'TIKTOK_CLIENT_SECRET',
] as const;

/** Pairs that are optional in production but useless half-set. */
const PAIRS = [
  ['TIKTOK_BUSINESS_APP_ID', 'TIKTOK_BUSINESS_APP_SECRET'],
  ['TIKTOK_ADS_APP_ID', 'TIKTOK_ADS_APP_SECRET'],
  ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
] as const;

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

const KEY_ENTRY = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/;

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));
const optional = z.string().min(1).optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_URL: url,
  AUTH_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  UPSTASH_REDIS_REST_URL: url,
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .refine((value) => value.split(',').every((entry) => KEY_ENTRY.test(entry.trim())), {
      error: 'must be comma-separated kid:base64key entries, each key 32 bytes',
    })
    .optional(),
  TIKTOK_CLIENT_KEY: optional,
  TIKTOK_CLIENT_SECRET: optional,
  TIKTOK_BUSINESS_APP_ID: optional,
  TIKTOK_BUSINESS_APP_SECRET: optional,
  TIKTOK_ADS_APP_ID: optional,
  TIKTOK_ADS_APP_SECRET: optional,
  TIKTOK_AUTH_BASE_URL: url,
  TIKTOK_OPEN_API_BASE_URL: url,
  TIKTOK_BUSINESS_API_BASE_URL: url,
  S3_BUCKET: optional,
  S3_ENDPOINT: url.optional(),
  S3_REGION: optional,
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  /** Path-style bucket URLs (`endpoint/bucket/key`); default on with a custom S3_ENDPOINT, off for AWS. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /** The local folder objects live in when S3_BUCKET is unset. */
  STORAGE_DIR: z.string().min(1).default('.data/storage'),
  /**
   * URL prefixes verified for PULL_FROM_URL in TikTok's developer portal (comma-separated, each
   * ending in `/`). A post may pull only when the signed media URL starts with one; unset, every
   * video goes up by FILE_UPLOAD.
   */
  TIKTOK_VERIFIED_URL_PREFIXES: optional,
  CRON_SECRET: z.string().min(16, { error: 'must be at least 16 characters' }),
  /** Set by Vercel; storage must then be S3 because function file systems are ephemeral. */
  VERCEL: optional,
  /** Set by Next while it builds (`phase-production-build`): nothing may start background work then. */
  NEXT_PHASE: optional,
  /** Max age (and future skew) of a webhook's signed timestamp. */
  WEBHOOK_SIGNATURE_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * The in-process job ticker of `npm run dev` / `npm start`: on by default, except on Vercel
   * (whose functions freeze between requests; Vercel Cron runs jobs there).
   */
  JOBS_TICKER: z.enum(['on', 'off']).optional(),
  /** Multiplies every outbound TikTok rate limit (e.g. `0.1` against a sandbox scaled the same way). */
  TIKTOK_RATE_LIMIT_SCALE: z.coerce.number().positive().max(1000).default(1),
  /**
   * JSON overrides of single buckets of the limits table: `{"business-api.qps": 20}`. Checked for
   * shape here so a typo stops start-up; bucket names are checked by lib/tiktok/pacing on first use.
   */
  TIKTOK_RATE_LIMITS: z
    .string()
    .refine(isJsonObject, { error: 'must be a JSON object, e.g. {"business-api.qps":20}' })
    .optional(),
  /** How long a TikTok call may wait for rate-limit capacity before it is snoozed (TryLaterError). */
  TIKTOK_PACING_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /** Added to every rate-limit window: clock skew between instances plus jitter on the way to TikTok. */
  TIKTOK_PACING_SKEW_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Fail closed: how long a TikTok call waits for an unreachable Redis before it is snoozed. */
  TIKTOK_PACING_REDIS_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /**
   * Comma-separated e-mail addresses of the installation's operators: signed in with one of these
   * (verified) addresses, a user reaches /operator (queue health, every job and webhook event).
   */
  OPERATOR_EMAILS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** `1` enables `/api/bench/*` (baseline routes for `npm run bench`); never set it in production. */
  BENCH_ROUTES: z.enum(['0', '1']).optional(),
  /**
   * How many proxies in front of the app append to `X-Forwarded-For`; the client IP is the entry
   * that many places from the right. 0 (the default) trusts none of it. Ignored on Vercel, whose
   * own header is used. See lib/request/client-ip.ts.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** `smtp://user:pass@host:587` or `smtps://…`; with EMAIL_FROM, e-mail goes out over SMTP. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender, e.g. `Tokdesk <no-reply@tokdesk.example>`. */
  EMAIL_FROM: z.string().min(3).max(320).optional(),
  /**
   * `1` keeps e-mail in the local outbox (listed at /dev/outbox) instead of sending it. The default
   * in development without SMTP; production needs it set explicitly (test stacks and demos only).
   */
  EMAIL_OUTBOX: z.enum(['0', '1']).optional(),
  /** Live feed: how often each instance polls for new events when it cannot LISTEN (behind a pooler). */
  LIVE_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(500),
  /** Live feed: a stream ends (and the browser resumes it) after about this long; keep it under the function limit. */
  LIVE_STREAM_SECONDS: z.coerce.number().int().min(5).max(3600).default(250),
  /**
   * `1` enables `POST /api/dev/time-travel`, which moves the app's clock (lib/time/clock.ts) with
   * the sandbox's. For tests and local development: production refuses it unless `E2E=1` says the
   * production build is running under the end-to-end tests.
   */
  TIME_TRAVEL: z.enum(['0', '1']).optional(),
  /** Set by the end-to-end test stack only. */
  E2E: z.enum(['0', '1']).optional(),
});

export type Env = z.infer<typeof schema> & {
  isProduction: boolean;
  isEmbeddedDatabase: boolean;
  /** Where e-mail goes: SMTP when configured, else the local outbox (development, or opted in). */
  mailTransport: 'smtp' | 'outbox';
};

export class EnvError extends Error {
  override name = 'EnvError';
}

type Source = Record<string, string | undefined>;

/**
 * Parses a raw environment. Empty strings count as unset. During `next build` production values
 * are not demanded: the build must work on any machine, start-up is where we refuse.
 */
export function loadEnv(source: Source): Env {
  const raw: Source = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const isProduction = raw.NODE_ENV === 'production';
  const isBuild = raw.NEXT_PHASE === 'phase-production-build';

  if (isProduction && !isBuild) {
    const missing: string[] = REQUIRED_IN_PRODUCTION.filter((name) => !raw[name]);
    for (const pair of PAIRS) {
      const set = pair.filter((name) => raw[name]);
      if (set.length === 1) missing.push(...pair.filter((name) => !raw[name]));
    }
    if (raw.VERCEL && !raw.S3_BUCKET) missing.push('S3_BUCKET');
    // Account e-mails (verification, password reset) must never vanish silently in production.
    if (raw.EMAIL_OUTBOX !== '1')
      missing.push(...(['SMTP_URL', 'EMAIL_FROM'] as const).filter((n) => !raw[n]));
    if (missing.length > 0) {
      throw new EnvError(`Tokdesk cannot start: set ${missing.join(', ')} (see .env.example).`);
    }
    if (raw.TIME_TRAVEL === '1' && raw.E2E !== '1') {
      throw new EnvError(
        'Tokdesk cannot start: TIME_TRAVEL is for tests and development; unset it in production.',
      );
    }
  }

  const withDefaults = isProduction
    ? { ...DEV_DEFAULTS, ...PRODUCTION_DEFAULTS, ...raw }
    : { ...DEV_DEFAULTS, ...raw };
  const parsed = schema.safeParse(withDefaults);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new EnvError(`Tokdesk cannot start: invalid configuration: ${problems.join('; ')}.`);
  }
  const data = parsed.data;
  const smtp = Boolean(data.SMTP_URL && data.EMAIL_FROM) && data.EMAIL_OUTBOX !== '1';
  return {
    ...data,
    isProduction,
    isEmbeddedDatabase: !data.DATABASE_URL,
    mailTransport: smtp ? 'smtp' : 'outbox',
  };
}

let loaded: Env | undefined;

/**
 * Auth.js reads its own URL from `process.env.AUTH_URL` and, without it, believes the request's
 * `X-Forwarded-Host` / `-Proto` (any client can send them to a bare `next start`). Production pins
 * it to APP_URL, so sign-in redirects and cookies always belong to the configured origin.
 */
export function pinAuthUrl(): void {
  if (env.isProduction) process.env.AUTH_URL = env.APP_URL;
}

/**
 * The validated configuration, parsed on first use: importing this module never throws, so tools
 * (type generation, builds) can load files that depend on it without a full environment.
 */
export const env: Env = new Proxy({} as Env, {
  get(_target, key) {
    loaded ??= loadEnv(process.env);
    return loaded[key as keyof Env];
  },
});
