import { RefreshCw } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { QueueStatsList } from '@/app/(app)/settings/webhooks/_components/queue-stats-list';
import { RetryJobButton } from '@/app/(app)/settings/webhooks/_components/retry-job-button';
import { StatusBadge } from '@/app/(app)/settings/webhooks/_components/status-badge';
import { WebhookEventsTable } from '@/app/(app)/settings/webhooks/_components/webhook-events-table';
import { AppShell } from '@/components/app-shell/app-shell';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getCurrentUser } from '@/lib/auth/current-user';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import { getQueueHealth } from '@/lib/jobs/get-queue-health';
import { listJobsForOperator } from '@/lib/jobs/list-jobs-for-operator';
import { isOperator } from '@/lib/operators/require-operator';
import { formatElapsed, formatInZone } from '@/lib/time/format-dates';
import { listWebhookEventsForOperator } from '@/lib/webhooks/list-webhook-events-for-operator';
import { retryJobAsOperatorAction } from './_actions/retry-job-as-operator-action';

export const metadata: Metadata = { title: 'Operator' };

// Spans every workspace's zone, so one neutral one.
const formatTime = (date: Date) => formatInZone(date, 'UTC', 'd MMM yyyy, HH:mm:ss zzz');

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
        <Card>
          <CardHeader>
            <CardTitle>Queue health</CardTitle>
            <CardAction>
              <Button asChild variant="ghost" size="sm">
                <a href="/operator">
                  <RefreshCw aria-hidden />
                  Refresh
                </a>
              </Button>
            </CardAction>
          </CardHeader>
          <CardContent>
            <QueueStatsList
              stats={stats}
              extra={[['Held events', health.heldEvents]]}
              testId="queue-health"
            />
            {health.byType.length > 0 ? (
              <Table aria-label="Queue by job type" containerClassName="mt-4">
                <TableHeader>
                  <TableRow>
                    {['Type', 'Due', 'Oldest due', 'Running', 'Snoozed', 'Retrying', 'Dead'].map(
                      (heading) => (
                        <TableHead key={heading}>{heading}</TableHead>
                      ),
                    )}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {health.byType.map((row) => (
                    <TableRow key={row.type}>
                      <TableCell className="font-mono text-xs">{row.type}</TableCell>
                      <TableCell className="tabular-nums">{row.due}</TableCell>
                      <TableCell>{row.due > 0 ? formatElapsed(row.oldestDueAgeSeconds) : '—'}</TableCell>
                      <TableCell className="tabular-nums">{row.running}</TableCell>
                      <TableCell className="tabular-nums">{row.snoozed}</TableCell>
                      <TableCell className="tabular-nums">{row.retrying}</TableCell>
                      <TableCell className="tabular-nums">{row.dead}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Failed and dead jobs</CardTitle>
            <CardDescription>
              Every workspace's and the installation's own. Retry runs a job once more, now.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {problems.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing is failing.</p>
            ) : (
              <ul className="divide-y divide-border" aria-label="Failed and dead jobs">
                {problems.map((job) => (
                  <li
                    key={job.id}
                    className="flex flex-wrap items-start gap-3 py-3"
                    data-testid="operator-job"
                  >
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-foreground">
                        <span className="font-mono text-xs">{job.type}</span>
                        {job.subject ? <span className="text-muted-foreground">{job.subject}</span> : null}
                        <StatusBadge status={job.status} />
                        <span className="text-xs font-normal text-muted-foreground">
                          {job.workspaceId ? `workspace ${job.workspaceId.slice(0, 8)}` : 'installation'}
                        </span>
                      </p>
                      <p className="mt-1 text-xs text-muted-foreground">
                        Attempt {job.attempts} of {job.maxAttempts}
                        {job.snoozes > 0 ? ` · snoozed ${job.snoozes}×` : ''} ·{' '}
                        {job.status === 'failed'
                          ? `next try ${formatTime(job.runAt)}`
                          : `gave up ${formatTime(job.updatedAt)}`}
                      </p>
                      {job.lastError ? (
                        <p className="mt-1 break-words font-mono text-xs text-destructive-text">
                          {job.lastError}
                        </p>
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
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Schedules</CardTitle>
            <CardDescription>Recurring runs: cron expression read in its time zone.</CardDescription>
          </CardHeader>
          <CardContent>
            {health.schedules.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No schedules yet. Runners create the built-in ones when they start.
              </p>
            ) : (
              <Table aria-label="Schedules">
                <TableHeader>
                  <TableRow>
                    {['Schedule', 'Job', 'When', 'Next run', 'Last run'].map((heading) => (
                      <TableHead key={heading}>{heading}</TableHead>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {health.schedules.map((schedule) => (
                    <TableRow
                      key={schedule.id}
                      className={schedule.enabled ? undefined : 'text-muted-foreground'}
                    >
                      <TableCell className="font-mono text-xs">{schedule.id}</TableCell>
                      <TableCell className="font-mono text-xs">{schedule.jobType}</TableCell>
                      <TableCell className="whitespace-nowrap">
                        <span className="font-mono text-xs">{schedule.cron}</span> {schedule.timeZone}
                        {schedule.enabled ? '' : ' (off)'}
                      </TableCell>
                      <TableCell className="text-xs">{formatTime(schedule.nextRunAt)}</TableCell>
                      <TableCell className="text-xs">
                        {schedule.lastRunAt ? formatTime(schedule.lastRunAt) : '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Webhook events</CardTitle>
            <CardDescription>The latest deliveries of every app, about any account or none.</CardDescription>
          </CardHeader>
          <CardContent>
            {events.length === 0 ? (
              <p className="text-sm text-muted-foreground">No events yet.</p>
            ) : (
              <WebhookEventsTable
                events={events}
                account="id"
                timeZone="UTC"
                testId="operator-webhook-event"
              />
            )}
          </CardContent>
        </Card>
      </div>
    </AppShell>
  );
}
