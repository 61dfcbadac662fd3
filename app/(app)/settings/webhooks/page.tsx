import { RefreshCw } from 'lucide-react';
import type { Metadata } from 'next';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { getQueueStats } from '@/lib/jobs/get-queue-stats';
import { listProblemJobs } from '@/lib/jobs/list-problem-jobs';
import { listWebhookEvents } from '@/lib/webhooks/list-webhook-events';
import { SettingsTabs } from '../_components/settings-tabs';
import { formatAge, formatTime } from './_components/format-time';
import { RetryJobButton } from './_components/retry-job-button';
import { StatusBadge } from './_components/status-badge';

export const metadata: Metadata = { title: 'Webhooks & jobs' };

const SOURCE_LABELS = { tiktok: 'TikTok (creators)', 'tiktok-business': 'TikTok Business' } as const;

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
        <Card>
          <CardHeader>
            <CardTitle>Job queue</CardTitle>
            <CardDescription>
              Background work for the whole installation: webhook processing, publishing, syncing.
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
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="queue-stats">
              {[
                ['Due now', stats.due],
                ['Oldest due', stats.due > 0 ? formatAge(stats.oldestDueAgeSeconds) : '—'],
                ['Running', stats.running],
                ['Scheduled', stats.scheduled],
                ['Retrying', stats.retrying],
                ['Dead', stats.dead],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
                  <dd className="mt-1 text-lg font-semibold text-foreground tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
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
              Deliveries from TikTok about this workspace’s accounts, and app-wide ones about no connected
              account.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {events.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No events yet. TikTok sends them when something happens to a connected account, for example
                when someone removes Tokdesk’s access.
              </p>
            ) : (
              <Table aria-label="Recent webhook events">
                <TableHeader>
                  <TableRow>
                    <TableHead>Received</TableHead>
                    <TableHead>Source</TableHead>
                    <TableHead>Event</TableHead>
                    <TableHead>Account</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead className="text-right">Attempts</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {events.map((event) => (
                    <TableRow key={event.id} data-testid="webhook-event">
                      <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
                        <time dateTime={event.receivedAt.toISOString()}>{formatTime(event.receivedAt)}</time>
                      </TableCell>
                      <TableCell className="whitespace-nowrap">{SOURCE_LABELS[event.source]}</TableCell>
                      <TableCell className="min-w-56">
                        <span className="font-mono text-xs">{event.event}</span>
                        {event.note || event.lastError ? (
                          <p
                            className={
                              event.lastError
                                ? 'mt-1 text-xs text-destructive-text'
                                : 'mt-1 text-xs text-muted-foreground'
                            }
                          >
                            {event.lastError ?? event.note}
                          </p>
                        ) : null}
                      </TableCell>
                      <TableCell className="whitespace-nowrap">
                        {event.accountLabel ?? (
                          <span className="text-muted-foreground" title={event.userOpenId ?? undefined}>
                            App-wide
                          </span>
                        )}
                      </TableCell>
                      <TableCell>
                        <StatusBadge status={event.status} />
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{event.attempts}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
