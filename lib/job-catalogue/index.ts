import {
  backfillConversationsJob,
  checkConversationCapabilitiesJob,
  confirmSendJob,
  downloadDmMediaJob,
  sendMessagesJob,
} from '@/lib/inbox/jobs';
import type { JobType } from '@/lib/jobs/define-job';
import { pruneFinishedJobsJob } from '@/lib/jobs/jobs';
import { pruneLiveEventsJob } from '@/lib/live/jobs';
import { pruneAbandonedUploadsJob } from '@/lib/media/jobs';
import { publishPostTargetJob } from '@/lib/publishing/jobs';
import { collectReportAccountJob, dailyReportJob } from '@/lib/reports/jobs';
import { keepTokensAliveJob, refreshAccountTokensJob } from '@/lib/tokens/jobs';
import { processWebhookEventJob } from '@/lib/webhooks/jobs';

/*
 * The catalogue of job types: names, payload schemas and run options, and nothing that runs them
 * (importing it never pulls a handler into a bundle). Each entry is defined by its domain in
 * `lib/<domain>/jobs.ts`; a domain enqueues its own jobs through that file directly (importing
 * this catalogue from inside lib/<domain> would make a folder cycle). Code above the domains (app/
 * routes and actions, scripts, tests) and the operator pages use this catalogue.
 */
export const JOB_CATALOGUE = {
  [processWebhookEventJob.type]: processWebhookEventJob,
  [keepTokensAliveJob.type]: keepTokensAliveJob,
  [refreshAccountTokensJob.type]: refreshAccountTokensJob,
  [pruneFinishedJobsJob.type]: pruneFinishedJobsJob,
  [pruneAbandonedUploadsJob.type]: pruneAbandonedUploadsJob,
  [pruneLiveEventsJob.type]: pruneLiveEventsJob,
  [sendMessagesJob.type]: sendMessagesJob,
  [confirmSendJob.type]: confirmSendJob,
  [downloadDmMediaJob.type]: downloadDmMediaJob,
  [checkConversationCapabilitiesJob.type]: checkConversationCapabilitiesJob,
  [backfillConversationsJob.type]: backfillConversationsJob,
  [dailyReportJob.type]: dailyReportJob,
  [collectReportAccountJob.type]: collectReportAccountJob,
  [publishPostTargetJob.type]: publishPostTargetJob,
} as const satisfies Record<string, JobType>;

export type CatalogueJobType = keyof typeof JOB_CATALOGUE;

export {
  collectReportAccountJob,
  dailyReportJob,
  keepTokensAliveJob,
  processWebhookEventJob,
  pruneAbandonedUploadsJob,
  pruneFinishedJobsJob,
  pruneLiveEventsJob,
  publishPostTargetJob,
  refreshAccountTokensJob,
};
