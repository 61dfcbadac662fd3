import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/**
 * Sends our own messages to TikTok, in order (text, then image), one conversation at a time. Never
 * retried once a call may have reached TikTok: a send without an answer waits for its echo instead.
 */
export const sendMessagesJob = defineJob({
  type: 'inbox.send-messages',
  schema: z.object({
    conversationId: z.string().min(1),
    messageIds: z.array(z.string().min(1)).min(1).max(2),
  }),
  maxAttempts: 5,
  // Started by the reply's own request (an after-response run): must fit KICKABLE_JOB_TIMEOUT_MS.
  timeoutMs: 40_000,
  backoff: { baseMs: 2000, maxMs: 60_000 },
  concurrencyKey: (payload) => `conversation:${payload.conversationId}`,
});

/** A send whose outcome is unknown: after the grace period, fail it unless the echo reconciled it. */
export const confirmSendJob = defineJob({
  type: 'inbox.confirm-send',
  schema: z.object({ messageId: z.string().min(1) }),
  maxAttempts: 5,
});

/** Fetches an inbound image once through TikTok's media download API into our storage. */
export const downloadDmMediaJob = defineJob({
  type: 'inbox.download-media',
  schema: z.object({ messageId: z.string().min(1) }),
  maxAttempts: 8,
  timeoutMs: 45_000,
  concurrencyKey: (payload) => `inbox-media:${payload.messageId}`,
});

/** Asks TikTok whether a conversation can receive images (IMAGE_SEND). */
export const checkConversationCapabilitiesJob = defineJob({
  type: 'inbox.check-capabilities',
  schema: z.object({ conversationId: z.string().min(1) }),
  maxAttempts: 5,
});

/** A business account was connected: pull its recent conversations where the API offers history. */
export const backfillConversationsJob = defineJob({
  type: 'inbox.backfill',
  schema: z.object({ accountId: z.string().min(1) }),
  maxAttempts: 5,
  timeoutMs: 45_000,
  concurrencyKey: (payload) => `account:${payload.accountId}`,
});
