import type { Duration } from '@upstash/ratelimit';

export type RateLimitPolicy = {
  /** Requests allowed per window. */
  attempts: number;
  window: Duration;
  /**
   * `sliding` (default) smooths bursts across window edges. `fixed` resets at a known instant, so
   * the Retry-After we send is exact: used where a person is locked out and told when to come back.
   */
  algorithm?: 'fixed' | 'sliding';
  /** Redis key prefix; the hashed identifier and window number follow it. */
  keyPrefix: string;
  /** Shown to the user when denied; a "try again in …" hint is appended. */
  message: string;
};

/** Named limits; callers pick one by name so numbers live in one reviewed place. */
export const RATE_LIMIT_POLICIES = {
  /**
   * Password attempts per account (the normalised e-mail), whatever IP they claim: holds against
   * guessing from many addresses. Counted where Auth.js checks the password; a success clears it
   * and a password reset by e-mail lifts it.
   */
  signInAccount: {
    attempts: 5,
    window: '15 m',
    algorithm: 'fixed',
    keyPrefix: 'rl:auth:sign-in:account',
    message: 'Too many sign-in attempts for this account.',
  },
  /** Password attempts per client IP across accounts (spraying); only when the IP is known. */
  signInIp: {
    attempts: 30,
    window: '15 m',
    keyPrefix: 'rl:auth:sign-in:ip',
    message: 'Too many sign-in attempts from this network.',
  },
  /** Keyed by IP; generous enough for a team joining from one office network. */
  signUp: {
    attempts: 10,
    window: '1 h',
    keyPrefix: 'rl:auth:sign-up',
    message: 'Too many accounts created from this network.',
  },
  /**
   * Account e-mails (confirmation, password reset, "you already have an account") per recipient,
   * counted before we know whether the address has an account, so it reveals nothing.
   */
  accountEmail: {
    attempts: 5,
    window: '1 h',
    keyPrefix: 'rl:auth:email',
    message: 'Too many e-mails were sent to this address.',
  },
  /** Password-reset requests per client IP; only when the IP is known. */
  passwordReset: {
    attempts: 10,
    window: '1 h',
    keyPrefix: 'rl:auth:password-reset',
    message: 'Too many password reset requests from this network.',
  },
  /** Keyed by the inviting user. */
  invitations: {
    attempts: 20,
    window: '1 h',
    keyPrefix: 'rl:workspace:invitations',
    message: 'Too many invitations sent.',
  },
  /** Keyed by user: creating workspaces is rare, a burst of them is abuse. */
  workspaces: {
    attempts: 10,
    window: '1 h',
    keyPrefix: 'rl:workspace:create',
    message: 'Too many workspaces created.',
  },
  /** Keyed by user: each attempt stores OAuth state and sends the browser to TikTok. */
  connections: {
    attempts: 20,
    window: '10 m',
    keyPrefix: 'rl:accounts:connect',
    message: 'Too many connection attempts.',
  },
  /** Keyed by user: each refresh spends TikTok API quota. */
  profileRefresh: {
    attempts: 30,
    window: '10 m',
    keyPrefix: 'rl:accounts:refresh-profile',
    message: 'Too many profile refreshes.',
  },
  /** Keyed by user, for every signed-in call to our JSON API (withRoute applies it by default). */
  api: {
    attempts: 120,
    window: '1 m',
    keyPrefix: 'rl:api',
    message: 'Too many requests.',
  },
  /**
   * Keyed by user, for the upload protocol: a few calls per 8 MiB part, so this allows about
   * 100 MB/s per person while stopping a runaway client.
   */
  uploads: {
    attempts: 1200,
    window: '1 m',
    keyPrefix: 'rl:uploads',
    message: 'Too many upload requests.',
  },
} satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;
