import { readFileSync } from 'node:fs';

/** One app registered with the sandbox, as a developer would register it on TikTok's portals. */
export type SandboxApp = {
  kind: 'login-kit' | 'business' | 'marketing';
  /** `client_key` (Login Kit) or `app_id` (Business / Marketing). */
  id: string;
  secret: string;
  redirectUris: string[];
  /** Developer-webhook (Login Kit) or business-webhook callback URL; empty = no deliveries. */
  webhookUrl: string;
  audited: boolean;
  pkce: 'required' | 'optional';
  /** PULL_FROM_URL only accepts media under these prefixes (TikTok's "verified domains"). */
  verifiedUrlPrefixes: string[];
  /** PULL_FROM_URL downloads in `Range` requests and fails on a server that ignores them. */
  pullInRanges?: boolean;
};

export type TokenLifetimes = {
  accessSeconds: number;
  refreshSeconds: number;
  /** Login Kit: a refresh answers a new refresh token and the old one dies (the current docs). */
  rotateRefreshToken?: boolean;
};

export type LifetimeProfiles = Record<'current' | 'legacy' | 'short', SandboxConfig['lifetimes']>;

export type SandboxConfig = {
  port: number;
  /** Where this server is reachable; used in upload_url and media URLs it hands out. */
  publicUrl: string;
  apps: SandboxApp[];
  lifetimes: {
    loginKit: TokenLifetimes;
    business: TokenLifetimes;
  };
  /**
   * How the Login Kit token host reports errors: `200` = HTTP 200 with the error body (what the
   * reference's evidence shows TikTok doing), `4xx` = the usual OAuth statuses.
   */
  oauthErrorStatus: '200' | '4xx';
  /** How long each publish stage lasts, in ms; tests shrink these. */
  publishStageMs: number;
  webhook: {
    maxAttempts: number;
    baseDelayMs: number;
    /** Probability (0..1) that a delivered event is delivered a second time, as TikTok may. */
    duplicateProbability: number;
  };
  snapshotPath: string | null;
};

/**
 * Prefixes of every secret the sandbox mints. Leak tests grep build output and logs for them,
 * so they must stay distinctive.
 */
export const SECRET_PREFIXES = {
  loginKitAccess: 'act.sbx',
  loginKitRefresh: 'rft.sbx',
  loginKitCode: 'sbxcode',
  businessAccess: 'bat.sbx',
  businessRefresh: 'brt.sbx',
  businessCode: 'sbxbcode',
  adsAccess: 'ads.sbx',
  adsCode: 'sbxacode',
  appSecret: 'sbx-secret',
} as const;

export const DEFAULT_CREDENTIALS = {
  loginKit: { id: 'sbxclientkey0001', secret: `${SECRET_PREFIXES.appSecret}-login-kit-0001` },
  business: { id: '7100000000000000001', secret: `${SECRET_PREFIXES.appSecret}-business-0001` },
  marketing: { id: '7100000000000000002', secret: `${SECRET_PREFIXES.appSecret}-ads-0001` },
} as const;

// Business (tt_user) tokens: 24 h / 30 d per Chatwoot's fixtures, in every profile; the Login Kit
// numbers do not apply to them (business messaging reference 1.6).
const BUSINESS_LIFETIMES: TokenLifetimes = { accessSeconds: 86_400, refreshSeconds: 2_592_000 };

/**
 * Login Kit token lifetimes. `current` follows the current docs (2 h access, 180 d refresh, always
 * rotated) and is the default; `legacy` is the older docs' 24 h / 365 d; `short` exercises refresh
 * within a test run.
 */
export const LIFETIME_PROFILES: LifetimeProfiles = {
  current: {
    loginKit: { accessSeconds: 7_200, refreshSeconds: 15_552_000, rotateRefreshToken: true },
    business: BUSINESS_LIFETIMES,
  },
  legacy: {
    loginKit: { accessSeconds: 86_400, refreshSeconds: 31_536_000, rotateRefreshToken: true },
    business: BUSINESS_LIFETIMES,
  },
  short: {
    loginKit: { accessSeconds: 60, refreshSeconds: 600, rotateRefreshToken: true },
    business: { accessSeconds: 60, refreshSeconds: 600 },
  },
};

function lifetimeProfile(name: string | undefined): SandboxConfig['lifetimes'] {
  const profile = LIFETIME_PROFILES[(name ?? 'current') as keyof LifetimeProfiles];
  if (!profile)
    throw new Error(`SANDBOX_LIFETIMES must be one of ${Object.keys(LIFETIME_PROFILES).join(', ')}`);
  return structuredClone(profile);
}

type Env = Record<string, string | undefined>;

/**
 * Builds the sandbox configuration. Defaults match `.env.example`, so `npm run dev` needs nothing set.
 * `SANDBOX_CONFIG` may point to a JSON file whose keys override the defaults.
 */
export function loadSandboxConfig(env: Env = process.env): SandboxConfig {
  const port = Number(env.SANDBOX_PORT ?? 4010);
  const appUrl = (env.APP_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const publicUrl = (env.SANDBOX_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const extraPrefixes = (env.SANDBOX_VERIFIED_URL_PREFIXES ?? '').split(',').filter(Boolean);
  const verifiedUrlPrefixes = [`${appUrl}/`, `${publicUrl}/`, ...extraPrefixes];

  const base: SandboxConfig = {
    port,
    publicUrl,
    apps: [
      {
        kind: 'login-kit',
        id: env.TIKTOK_CLIENT_KEY ?? DEFAULT_CREDENTIALS.loginKit.id,
        secret: env.TIKTOK_CLIENT_SECRET ?? DEFAULT_CREDENTIALS.loginKit.secret,
        redirectUris: [`${appUrl}/api/connect/creator/callback`],
        webhookUrl: `${appUrl}/api/webhooks/tiktok`,
        audited: env.SANDBOX_AUDITED !== 'false',
        pkce: env.SANDBOX_PKCE === 'required' ? 'required' : 'optional',
        verifiedUrlPrefixes,
      },
      {
        kind: 'business',
        id: env.TIKTOK_BUSINESS_APP_ID ?? DEFAULT_CREDENTIALS.business.id,
        secret: env.TIKTOK_BUSINESS_APP_SECRET ?? DEFAULT_CREDENTIALS.business.secret,
        redirectUris: [`${appUrl}/api/connect/business/callback`],
        webhookUrl: `${appUrl}/api/webhooks/tiktok-business`,
        audited: true,
        pkce: 'optional',
        verifiedUrlPrefixes,
      },
      {
        kind: 'marketing',
        id: env.TIKTOK_ADS_APP_ID ?? DEFAULT_CREDENTIALS.marketing.id,
        secret: env.TIKTOK_ADS_APP_SECRET ?? DEFAULT_CREDENTIALS.marketing.secret,
        redirectUris: [`${appUrl}/api/connect/ads/callback`],
        webhookUrl: '',
        audited: true,
        pkce: 'optional',
        verifiedUrlPrefixes,
      },
    ],
    lifetimes: lifetimeProfile(env.SANDBOX_LIFETIMES),
    oauthErrorStatus: env.SANDBOX_OAUTH_ERRORS === '4xx' ? '4xx' : '200',
    publishStageMs: Number(env.SANDBOX_PUBLISH_STAGE_MS ?? 1500),
    webhook: { maxAttempts: 8, baseDelayMs: 500, duplicateProbability: 0 },
    snapshotPath: env.SANDBOX_SNAPSHOT === 'off' ? null : (env.SANDBOX_SNAPSHOT ?? null),
  };
  if (!env.SANDBOX_CONFIG) return base;

  const overrides = JSON.parse(readFileSync(env.SANDBOX_CONFIG, 'utf8')) as Partial<SandboxConfig>;
  return { ...base, ...overrides };
}

export function findApp(config: SandboxConfig, kind: SandboxApp['kind'], id: string): SandboxApp | undefined {
  return config.apps.find((app) => app.kind === kind && app.id === id);
}
