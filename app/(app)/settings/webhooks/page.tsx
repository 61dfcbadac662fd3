import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { getQueueStats } from '@/lib/jobs/get-queue-stats';
import { listProblemJobs } from '@/lib/jobs/list-problem-jobs';
import { formatElapsed, formatInZone } from '@/lib/time/format-dates';
import { listWebhookEvents } from '@/lib/webhooks/list-webhook-events';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';
import { SettingsTabs } from '../_components/settings-tabs';
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
        <Card
          title="Job queue"
          description="Background work for the whole installation: webhook processing, publishing, syncing."
          actions={
            <a href="/settings/webhooks" className="text-sm text-brand-700 hover:underline">
              Refresh
            </a>
          }
        >
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="queue-stats">
            {[
              ['Due now', stats.due],
              ['Oldest due', stats.due > 0 ? formatElapsed(stats.oldestDueAgeSeconds) : '—'],
              ['Running', stats.running],
              ['Scheduled', stats.scheduled],
              ['Retrying', stats.retrying],
              ['Dead', stats.dead],
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs font-medium text-slate-500">{label}</dt>
                <dd className="mt-1 text-lg font-semibold text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
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
          description="Deliveries from TikTok about this workspace’s accounts, and app-wide ones about no connected account."
        >
          {events.length === 0 ? (
            <p className="text-sm text-slate-500">
              No events yet. TikTok sends them when something happens to a connected account, for example when
              someone removes Tokdesk’s access.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Recent webhook events">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-2 pr-4 font-medium">Received</th>
                    <th className="py-2 pr-4 font-medium">Source</th>
                    <th className="py-2 pr-4 font-medium">Event</th>
                    <th className="py-2 pr-4 font-medium">Account</th>
                    <th className="py-2 pr-4 font-medium">Status</th>
                    <th className="py-2 font-medium">Attempts</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {events.map((event) => (
                    <tr key={event.id} data-testid="webhook-event" className="align-top">
                      <td className="py-2 pr-4 whitespace-nowrap text-xs text-slate-500">
                        <time dateTime={event.receivedAt.toISOString()}>{formatTime(event.receivedAt)}</time>
                      </td>
                      <td className="py-2 pr-4 whitespace-nowrap">{SOURCE_LABELS[event.source]}</td>
                      <td className="py-2 pr-4">
                        <span className="font-mono text-xs">{event.event}</span>
                        {event.note || event.lastError ? (
                          <p
                            className={
                              event.lastError ? 'mt-1 text-xs text-red-700' : 'mt-1 text-xs text-slate-500'
                            }
                          >
                            {event.lastError ?? event.note}
                          </p>
                        ) : null}
                      </td>
                      <td className="py-2 pr-4">
                        {event.accountLabel ?? (
                          <span className="text-slate-500" title={event.userOpenId ?? undefined}>
                            App-wide
                          </span>
                        )}
                      </td>
                      <td className="py-2 pr-4">
                        <StatusBadge status={event.status} />
                      </td>
                      <td className="py-2">{event.attempts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
