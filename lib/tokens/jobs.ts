import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/**
 * Daily: fans out one `tokens.refresh-account` job per account whose token would expire before the
 * next run, and warns 14/7/1 days before a refresh token runs out.
 */
export const keepTokensAliveJob = defineJob({
  type: 'tokens.keep-alive',
  schema: z.object({}).loose(),
  maxAttempts: 3,
  schedule: { cron: '0 4 * * *', timeZone: 'UTC' },
});

/**
 * Refreshes one account's tokens ahead of expiry (keep-alive's fan-out). One at a time per account
 * (a user's own refresh and this one meet at the lock anyway), a few at a time overall: TikTok's
 * token endpoints are limited per app.
 */
export const refreshAccountTokensJob = defineJob({
  type: 'tokens.refresh-account',
  schema: z.object({
    accountId: z.string().min(1),
    /** The token must stay valid until then (ISO time): the next daily run, with slack. */
    validUntil: z.iso.datetime(),
  }),
  maxAttempts: 4,
  // Three refresh attempts with 10 s timeouts under a 30 s lock, plus the wait for another holder.
  timeoutMs: 45_000,
  maxConcurrency: 4,
  concurrencyKey: (payload) => `tiktok-account:${payload.accountId}`,
});
