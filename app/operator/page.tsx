import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { formatAge, formatTime } from '@/app/(app)/settings/webhooks/_components/format-time';
import { QueueStatsList } from '@/app/(app)/settings/webhooks/_components/queue-stats-list';
import { RetryJobButton } from '@/app/(app)/settings/webhooks/_components/retry-job-button';
import { StatusBadge } from '@/app/(app)/settings/webhooks/_components/status-badge';
import { WebhookEventsTable } from '@/app/(app)/settings/webhooks/_components/webhook-events-table';
import { AppShell } from '@/components/app-shell/app-shell';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getCurrentUser } from '@/lib/auth/current-user';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import { getQueueHealth } from '@/lib/jobs/get-queue-health';
import { listJobsForOperator } from '@/lib/jobs/list-jobs-for-operator';
import { isOperator } from '@/lib/operators/require-operator';
import { listWebhookEventsForOperator } from '@/lib/webhooks/list-webhook-events-for-operator';
import { retryJobAsOperatorAction } from './_actions/retry-job-as-operator-action';

export const metadata: Metadata = { title: 'Operator' };

// Outside the (app) group on purpose: everyone who is not an operator, signed in or not, gets 404.
export default async function OperatorPage() {
  const db = await getDb();
  const user = await getCurrentUser();
  if (!user || !(await isOperator(db, user.id))) notFound();
  const context = await requireWorkspaceForPage('/operator');
  const [health, problems, events] = await Promise.all([
    getQueueHealth(db, { userId: user.id }),
    listJobsForOperator(db, { userId: user.id, limit: 100 }),
    listWebhookEventsForOperator(db, { userId: user.id, limit: 100 }),
  ]);
  const { stats } = health;
  return (
    <AppShell user={context.user} workspace={context.workspace} workspaces={context.workspaces}>
      <PageHeader
        title="Operator"
        description="This installation's background work and webhook deliveries, across every workspace."
      />
      <div className="space-y-6">
        <Card
          title="Queue health"
          actions={
            <a href="/operator" className="text-sm text-brand-700 hover:underline">
              Refresh
            </a>
          }
        >
          <QueueStatsList stats={stats} extra={[['Held events', health.heldEvents]]} testId="queue-health" />
          {health.byType.length > 0 ? (
            <div className="mt-4 overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Queue by job type">
                <thead className="text-xs text-slate-500">
                  <tr>
                    {['Type', 'Due', 'Oldest due', 'Running', 'Snoozed', 'Retrying', 'Dead'].map(
                      (heading) => (
                        <th key={heading} className="py-2 pr-4 font-medium">
                          {heading}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {health.byType.map((row) => (
                    <tr key={row.type}>
                      <td className="py-2 pr-4 font-mono text-xs">{row.type}</td>
                      <td className="py-2 pr-4">{row.due}</td>
                      <td className="py-2 pr-4">{row.due > 0 ? formatAge(row.oldestDueAgeSeconds) : '—'}</td>
                      <td className="py-2 pr-4">{row.running}</td>
                      <td className="py-2 pr-4">{row.snoozed}</td>
                      <td className="py-2 pr-4">{row.retrying}</td>
                      <td className="py-2 pr-4">{row.dead}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </Card>

        <Card
          title="Failed and dead jobs"
          description="Every workspace's and the installation's own. Retry runs a job once more, now."
        >
          {problems.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing is failing.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Failed and dead jobs">
              {problems.map((job) => (
                <li key={job.id} className="flex flex-wrap items-start gap-3 py-3" data-testid="operator-job">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                      <span className="font-mono text-xs">{job.type}</span>
                      {job.subject ? <span className="text-slate-600">{job.subject}</span> : null}
                      <StatusBadge status={job.status} />
                      <span className="text-xs font-normal text-slate-500">
                        {job.workspaceId ? `workspace ${job.workspaceId.slice(0, 8)}` : 'installation'}
                      </span>
                    </p>
                    <p className="mt-1 text-xs text-slate-500">
                      Attempt {job.attempts} of {job.maxAttempts}
                      {job.snoozes > 0 ? ` · snoozed ${job.snoozes}×` : ''} ·{' '}
                      {job.status === 'failed'
                        ? `next try ${formatTime(job.runAt)}`
                        : `gave up ${formatTime(job.updatedAt)}`}
                    </p>
                    {job.lastError ? (
                      <p className="mt-1 break-words font-mono text-xs text-red-700">{job.lastError}</p>
                    ) : null}
                  </div>
                  <RetryJobButton
                    jobId={job.id}
                    label={`${job.type} ${job.subject ?? ''}`.trim()}
                    action={retryJobAsOperatorAction}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Schedules" description="Recurring runs: cron expression read in its time zone.">
          {health.schedules.length === 0 ? (
            <p className="text-sm text-slate-500">
              No schedules yet. Runners create the built-in ones when they start.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Schedules">
                <thead className="text-xs text-slate-500">
                  <tr>
                    {['Schedule', 'Job', 'When', 'Next run', 'Last run'].map((heading) => (
                      <th key={heading} className="py-2 pr-4 font-medium">
                        {heading}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {health.schedules.map((schedule) => (
                    <tr key={schedule.id} className={schedule.enabled ? undefined : 'text-slate-400'}>
                      <td className="py-2 pr-4 font-mono text-xs">{schedule.id}</td>
                      <td className="py-2 pr-4 font-mono text-xs">{schedule.jobType}</td>
                      <td className="py-2 pr-4 whitespace-nowrap">
                        <span className="font-mono text-xs">{schedule.cron}</span> {schedule.timeZone}
                        {schedule.enabled ? '' : ' (off)'}
                      </td>
                      <td className="py-2 pr-4 text-xs">{formatTime(schedule.nextRunAt)}</td>
                      <td className="py-2 pr-4 text-xs">
                        {schedule.lastRunAt ? formatTime(schedule.lastRunAt) : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card
          title="Webhook events"
          description="The latest deliveries of every app, about any account or none."
        >
          {events.length === 0 ? (
            <p className="text-sm text-slate-500">No events yet.</p>
          ) : (
            <WebhookEventsTable events={events} account="id" testId="operator-webhook-event" />
          )}
        </Card>
      </div>
    </AppShell>
  );
}
