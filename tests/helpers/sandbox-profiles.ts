import { LIFETIME_PROFILES } from '@/sandbox/core/config';
import type { RunningSandbox } from '@/sandbox/server';
import { TEST_DB_KINDS, type TestDbKind } from './test-db';

/** How the sandbox behaves for one run: Login Kit token lifetimes and token-endpoint error statuses. */
export type SandboxProfile = {
  dbKind: TestDbKind;
  /** `current`: 2 h / 180 d (the default); `legacy`: 24 h / 365 d. */
  lifetimes: 'current' | 'legacy';
  /** `200`: errors with HTTP 200 (the default, as TikTok does); `4xx`: the usual OAuth statuses. */
  oauthErrors: '200' | '4xx';
};

/**
 * Token and connect suites run under both lifetime profiles and both error modes. Database kind and
 * sandbox profile do not interact, so each database kind is paired with one profile instead of
 * running the full matrix (which would double these suites' time); with one database kind, it runs
 * under both.
 */
export const SANDBOX_PROFILE_RUNS: SandboxProfile[] =
  TEST_DB_KINDS.length > 1
    ? [
        { dbKind: 'pglite', lifetimes: 'legacy', oauthErrors: '4xx' },
        { dbKind: 'postgres', lifetimes: 'current', oauthErrors: '200' },
      ]
    : [
        { dbKind: 'pglite', lifetimes: 'legacy', oauthErrors: '4xx' },
        { dbKind: 'pglite', lifetimes: 'current', oauthErrors: '200' },
      ];

/** Puts the sandbox into a profile through its control API. */
export async function applySandboxProfile(sandbox: RunningSandbox, profile: SandboxProfile) {
  const post = (path: string, body: unknown) =>
    fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
  await post('lifetimes', { profile: profile.lifetimes });
  await post('quirks', { oauthErrorsWith200: profile.oauthErrors === '200' });
}

/** Login Kit access-token lifetime of a profile, in ms. */
export const accessLifetimeMs = (profile: SandboxProfile) =>
  LIFETIME_PROFILES[profile.lifetimes].loginKit.accessSeconds * 1000;
