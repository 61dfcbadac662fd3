import { RefreshCw } from 'lucide-react';
import type { Metadata } from 'next';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { getQueueStats } from '@/lib/jobs/get-queue-stats';
import { listProblemJobs } from '@/lib/jobs/list-problem-jobs';
import { formatInZone } from '@/lib/time/format-dates';
import { listWebhookEvents } from '@/lib/webhooks/list-webhook-events';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';
import { SettingsTabs } from '../_components/settings-tabs';
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
  const [stats, events, problems, { timeZone }] = await Promise.all([
    getQueueStats(db, scope),
    listWebhookEvents(db, { ...scope, limit: 50 }),
    listProblemJobs(db, { ...scope, limit: 50 }),
    getWorkspaceSettings(db, scope),
  ]);
  const formatTime = (date: Date) => formatInZone(date, timeZone, 'd MMM yyyy, HH:mm:ss zzz');
  return (
    <>
      <PageHeader title="Settings" description={`People and history of ${workspace.name}.`} />
      <SettingsTabs active="/settings/webhooks" />
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>Job queue</CardTitle>
            <CardDescription>
              This workspace's background work: its accounts' webhook events, token refreshes, publishing,
              reports.
            </CardDescription>
            <CardAction>
              <Button asChild variant="ghost" size="sm">
                <a href="/settings/webhooks">
                  <RefreshCw aria-hidden />
                  Refresh
                </a>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            <QueueStatsList stats={stats} testId="queue-stats" />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Failed and dead jobs</CardTitle>
            <CardDescription>
              Failed jobs retry by themselves with growing delays; dead ones ran out of attempts. Retry runs a
              job once more, now.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {problems.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing is failing.</p>
            ) : (
              <ul className="divide-y divide-border/70" aria-label="Failed and dead jobs">
                {problems.map((job) => (
                  <li
                    key={job.id}
                    className="flex flex-wrap items-start gap-3 py-3 first:pt-0 last:pb-0"
                    data-testid="problem-job"
                  >
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-foreground">
                        <span className="font-mono text-xs">{job.type}</span>
                        {job.subject ? <span className="text-muted-foreground">{job.subject}</span> : null}
                        <StatusBadge status={job.status} />
                      </p>
                      <p className="mt-1 text-xs text-muted-foreground">
                        Attempt {job.attempts} of {job.maxAttempts} ·{' '}
                        {job.status === 'failed'
                          ? `next try ${formatTime(job.runAt)}`
                          : `gave up ${formatTime(job.updatedAt)}`}
                      </p>
                      {job.lastError ? (
                        <p className="mt-1 font-mono text-xs wrap-anywhere text-destructive-text">
                          {job.lastError}
                        </p>
                      ) : null}
                    </div>
                    <RetryJobButton jobId={job.id} label={`${job.type} ${job.subject ?? ''}`.trim()} />
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Recent webhook events</CardTitle>
            <CardDescription>
              Deliveries from TikTok about this workspace’s accounts. Events waiting for a handler run once
              Tokdesk has one.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {events.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No events yet. TikTok sends them when something happens to a connected account, for example
                when someone removes Tokdesk’s access.
              </p>
            ) : (
              <WebhookEventsTable
                events={events}
                account="label"
                timeZone={timeZone}
                testId="webhook-event"
              />
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
