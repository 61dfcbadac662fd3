import type { Duration } from '@upstash/ratelimit';

export type RateLimitPolicy = {
  /** Requests allowed per sliding window. */
  attempts: number;
  window: Duration;
  /** Redis key prefix; the hashed identifier and window number follow it. */
  keyPrefix: string;
  /** Shown to the user when denied; a "try again in …" hint is appended. */
  message: string;
};

/** Named limits; callers pick one by name so numbers live in one reviewed place. */
export const RATE_LIMIT_POLICIES = {
  /** Keyed by e-mail + IP: slows password guessing without letting one IP lock everyone out. */
  signIn: {
    attempts: 5,
    window: '15 m',
    keyPrefix: 'rl:auth:sign-in',
    message: 'Too many sign-in attempts.',
  },
  /** Keyed by IP; generous enough for a team joining from one office network. */
  signUp: {
    attempts: 10,
    window: '1 h',
    keyPrefix: 'rl:auth:sign-up',
    message: 'Too many accounts created from this network.',
  },
  /** Keyed by the inviting user. */
  invitations: {
    attempts: 20,
    window: '1 h',
    keyPrefix: 'rl:workspace:invitations',
    message: 'Too many invitations sent.',
  },
  /** Keyed by user or API key, for our own API routes. */
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
