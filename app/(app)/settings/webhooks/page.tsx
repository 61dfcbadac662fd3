import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { getQueueStats } from '@/lib/jobs/get-queue-stats';
import { listProblemJobs } from '@/lib/jobs/list-problem-jobs';
import { listWebhookEvents } from '@/lib/webhooks/list-webhook-events';
import { SettingsTabs } from '../_components/settings-tabs';
import { formatTime } from './_components/format-time';
import { QueueStatsList } from './_components/queue-stats-list';
import { RetryJobButton } from './_components/retry-job-button';
import { StatusBadge } from './_components/status-badge';
import { WebhookEventsTable } from './_components/webhook-events-table';

export const metadata: Metadata = { title: 'Webhooks & jobs' };

export default async function WebhooksAndJobsPage() {
  const { user, workspace } = requireRoleForPage(await requireWorkspaceForPage('/settings/webhooks'), [
    'owner',
    'admin',
  ]);
  const db = await getDb();
  const scope = { workspaceId: workspace.id, userId: user.id };
  const [stats, events, problems] = await Promise.all([
    getQueueStats(db, scope),
    listWebhookEvents(db, { ...scope, limit: 50 }),
    listProblemJobs(db, { ...scope, limit: 50 }),
  ]);
  return (
    <>
      <PageHeader title="Settings" description={`People and history of ${workspace.name}.`} />
      <SettingsTabs active="/settings/webhooks" />
      <div className="space-y-6">
        <Card
          title="Job queue"
          description="This workspace's background work: its accounts' webhook events, token refreshes, publishing, reports."
          actions={
            <a href="/settings/webhooks" className="text-sm text-brand-700 hover:underline">
              Refresh
            </a>
          }
        >
          <QueueStatsList stats={stats} testId="queue-stats" />
        </Card>

        <Card
          title="Failed and dead jobs"
          description="Failed jobs retry by themselves with growing delays; dead ones ran out of attempts. Retry runs a job once more, now."
        >
          {problems.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing is failing.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Failed and dead jobs">
              {problems.map((job) => (
                <li key={job.id} className="flex flex-wrap items-start gap-3 py-3" data-testid="problem-job">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      <span className="font-mono text-xs">{job.type}</span>
                      {job.subject ? <span className="text-slate-600">{job.subject}</span> : null}
                      <StatusBadge status={job.status} />
                    </p>
                    <p className="mt-1 text-xs text-slate-500">
                      Attempt {job.attempts} of {job.maxAttempts} ·{' '}
                      {job.status === 'failed'
                        ? `next try ${formatTime(job.runAt)}`
                        : `gave up ${formatTime(job.updatedAt)}`}
                    </p>
                    {job.lastError ? (
                      <p className="mt-1 break-words font-mono text-xs text-red-700">{job.lastError}</p>
                    ) : null}
                  </div>
                  <RetryJobButton jobId={job.id} label={`${job.type} ${job.subject ?? ''}`.trim()} />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          title="Recent webhook events"
          description="Deliveries from TikTok about this workspace’s accounts. Events waiting for a handler run once Tokdesk has one."
        >
          {events.length === 0 ? (
            <p className="text-sm text-slate-500">
              No events yet. TikTok sends them when something happens to a connected account, for example when
              someone removes Tokdesk’s access.
            </p>
          ) : (
            <WebhookEventsTable events={events} account="label" testId="webhook-event" />
          )}
        </Card>
      </div>
    </>
  );
}
