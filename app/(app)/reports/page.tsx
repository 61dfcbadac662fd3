import type { Metadata } from 'next';
import { z } from 'zod';
import { ICONS } from '@/components/app-shell/nav-items';
import { LiveStatus } from '@/components/live/live-status';
import { DayChart } from '@/components/reports/day-chart';
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
import { getRequestLiveCursor } from '@/lib/live/get-request-live-cursor';
import { getReportsOverview, type ReportsOverview } from '@/lib/reports/get-reports-overview';
import { listTopVideos } from '@/lib/reports/list-top-videos';
import { addDays, localDate } from '@/lib/reports/report-dates';
import { DEFAULT_KEY_TEMPLATE } from '@/lib/reports/report-key';
import { readReportSettings } from '@/lib/reports/report-settings';
import { now } from '@/lib/time/clock';
import { formatInZone } from '@/lib/time/format-dates';
import { RangeForm } from './_components/range-form';
import { ReportSettingsForm } from './_components/report-settings-form';
import { RunNow } from './_components/run-now';

export const metadata: Metadata = { title: 'Reports' };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const SEARCH = { from: isoDate, to: isoDate, account: z.string().max(100) };
const STATUS_BADGE: Record<string, BadgeVariant> = {
  succeeded: 'success',
  partial: 'warning',
  failed: 'danger',
  running: 'info',
  pending: 'neutral',
};
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const show = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : number.format(value);

export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, workspace } = requireRoleForPage(await requireWorkspaceForPage('/reports'), [
    'owner',
    'admin',
  ]);
  const liveCursor = await getRequestLiveCursor();
  const db = await getDb();
  const search = readSearchParams(await searchParams, SEARCH);
  const today = localDate(now(), (await readReportSettings(db, workspace.id)).timeZone);
  const to = search.to ?? today;
  const from = search.from && search.from <= to ? search.from : addDays(to, -29);
  const overview = await getReportsOverview(db, { workspaceId: workspace.id, userId: user.id, from, to });
  const selected = overview.accounts.find((account) => account.id === search.account) ?? overview.accounts[0];
  const { lastRun, settings } = overview;
  const running = lastRun?.status === 'running' ? lastRun : null;
  const done =
    running?.parts.filter((part) => part.status === 'succeeded' || part.status === 'failed').length ?? 0;

  return (
    <>
      <PageHeader
        title="Reports"
        description={
          <span className="flex flex-wrap items-center gap-3">
            Daily numbers for every account, as charts and as CSV files.
            <LiveStatus />
          </span>
        }
        actions={
          overview.accounts.length > 0 ? (
            <RunNow
              key={`${lastRun?.id}:${lastRun?.status}`}
              since={liveCursor}
              initial={
                running ? { runId: running.id, done, total: running.parts.length, status: 'running' } : null
              }
            />
          ) : null
        }
      />
      {overview.accounts.length === 0 ? (
        <EmptyState icon={ICONS.reports} title="No accounts to report on yet">
          <p>
            Connect a creator, business or ad account on the Accounts page. Every day at {settings.dailyTime}{' '}
            ({settings.timeZone}) Tokdesk then records followers, views, likes, comments and shares per
            account and per video, and ad spend, impressions, clicks and conversions per campaign.
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <LastRunCard overview={overview} />
          <RangeForm from={from} to={to} accounts={overview.accounts} selected={selected?.id ?? ''} />
          <ComparisonCard overview={overview} />
          {selected ? (
            <AccountSection
              overview={overview}
              accountId={selected.id}
              workspaceId={workspace.id}
              from={from}
              to={to}
            />
          ) : null}
        </div>
      )}
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Report settings</CardTitle>
          <CardDescription>
            Next daily run: {formatInZone(settings.nextRunAt, settings.timeZone)}. Files go to{' '}
            <code className="break-all">{settings.keyTemplate ?? DEFAULT_KEY_TEMPLATE}</code>, with a{' '}
            <code>_manifest.json</code> per day written after the day’s files.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ReportSettingsForm
            dailyTime={settings.dailyTime}
            keyTemplate={settings.keyTemplate}
            settleDays={settings.settleDays}
            timeZone={settings.timeZone}
            defaultTemplate={DEFAULT_KEY_TEMPLATE}
          />
        </CardContent>
      </Card>
    </>
  );
}

function LastRunCard({ overview }: { overview: ReportsOverview }) {
  const run = overview.lastRun;
  const tz = overview.settings.timeZone;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Last run
          {run ? (
            <Badge variant={STATUS_BADGE[run.status]} data-testid="last-run-status">
              {run.status}
            </Badge>
          ) : null}
        </CardTitle>
        <CardDescription>
          {run
            ? `${run.trigger === 'manual' ? 'Started by hand' : 'Daily run'} ${formatInZone(run.startedAt, tz)}${
                run.finishedAt ? `, finished ${formatInZone(run.finishedAt, tz, 'HH:mm zzz')}` : ''
              }.`
            : 'No run yet. The first daily run collects every account; “Run now” does it at once.'}
        </CardDescription>
      </CardHeader>
      {run && run.parts.length > 0 ? (
        <CardContent>
          <ul className="divide-y text-sm">
            {run.parts.map((part) => {
              const account = overview.accounts.find((item) => item.id === part.accountId);
              return (
                <li key={part.accountId} className="flex flex-wrap items-center gap-2 py-2">
                  <span className="font-medium">{account?.name ?? part.accountId}</span>
                  <span className="text-muted-foreground">{account?.kind}</span>
                  <Badge variant={STATUS_BADGE[part.status]}>{part.status}</Badge>
                  {part.status === 'succeeded' ? (
                    <span className="text-muted-foreground">{part.rows} rows</span>
                  ) : null}
                  {part.error ? <span className="basis-full text-destructive-text">{part.error}</span> : null}
                </li>
              );
            })}
          </ul>
        </CardContent>
      ) : null}
    </Card>
  );
}

function ComparisonCard({ overview }: { overview: ReportsOverview }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>All accounts</CardTitle>
        <CardDescription>The selected range, side by side.</CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Account</TableHead>
              <TableHead className="text-right">Followers</TableHead>
              <TableHead className="text-right">Gained</TableHead>
              <TableHead className="text-right">Views</TableHead>
              <TableHead className="text-right">Spend</TableHead>
              <TableHead className="text-right">Conversions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.summaries.map((summary) => (
              <TableRow key={summary.id}>
                <TableCell>
                  <span className="font-medium">{summary.name}</span>{' '}
                  <span className="text-muted-foreground">{summary.kind}</span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{show(summary.primary)}</TableCell>
                <TableCell className="text-right tabular-nums">{show(summary.primaryChange)}</TableCell>
                <TableCell className="text-right tabular-nums">{show(summary.views)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {summary.spend === null ? '–' : `${show(summary.spend)} ${summary.currency ?? ''}`}
                </TableCell>
                <TableCell className="text-right tabular-nums">{show(summary.conversions)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

async function AccountSection({
  overview,
  accountId,
  workspaceId,
  from,
  to,
}: {
  overview: ReportsOverview;
  accountId: string;
  workspaceId: string;
  from: string;
  to: string;
}) {
  const account = overview.accounts.find((item) => item.id === accountId)!;
  const series = overview.series[accountId]!;
  const files = overview.files.filter((file) => file.accountId === accountId);
  const download = (start: string, end: string) =>
    `/api/workspaces/${workspaceId}/reports/download?accountId=${encodeURIComponent(accountId)}&from=${start}&to=${end}`;
  const top =
    account.kind === 'creator' ? await listTopVideos(await getDb(), { workspaceId, accountId, to }) : [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{account.name}</CardTitle>
        <CardDescription>
          {from} to {to}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {account.kind === 'ads' ? (
          <div className="grid gap-6 md:grid-cols-2">
            <DayChart
              title="Spend per day"
              unit={account.currency ?? undefined}
              kind="bar"
              data={series.days}
              series={[{ key: 'spend', label: 'Spend', color: 'var(--color-primary, #2563eb)' }]}
            />
            <DayChart
              title="Conversions per day"
              kind="bar"
              data={series.days}
              series={[{ key: 'conversions', label: 'Conversions', color: '#16a34a' }]}
            />
          </div>
        ) : (
          <div className="grid gap-6 md:grid-cols-3">
            <DayChart
              title="Followers"
              data={series.days}
              series={[{ key: 'followers', label: 'Followers', color: '#2563eb' }]}
            />
            <DayChart
              title="Views per day"
              kind="bar"
              data={series.days}
              series={[{ key: 'views', label: 'Views', color: '#7c3aed' }]}
            />
            <DayChart
              title="Engagement per day"
              kind="bar"
              data={series.days}
              series={[{ key: 'engagement', label: 'Likes, comments and shares', color: '#db2777' }]}
            />
          </div>
        )}
        {series.campaigns.length > 0 ? (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Campaign</TableHead>
                  <TableHead className="text-right">Spend</TableHead>
                  <TableHead className="text-right">Impressions</TableHead>
                  <TableHead className="text-right">Clicks</TableHead>
                  <TableHead className="text-right">Conversions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {series.campaigns.map((campaign) => (
                  <TableRow key={campaign.campaignId}>
                    <TableCell>{campaign.name}</TableCell>
                    <TableCell className="text-right tabular-nums">{show(campaign.spend)}</TableCell>
                    <TableCell className="text-right tabular-nums">{show(campaign.impressions)}</TableCell>
                    <TableCell className="text-right tabular-nums">{show(campaign.clicks)}</TableCell>
                    <TableCell className="text-right tabular-nums">{show(campaign.conversions)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
        {top.length > 0 ? (
          <section className="space-y-2">
            <h3 className="text-sm font-medium">Top videos</h3>
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
              {top.map((video) => (
                <li key={video.videoId} className="flex gap-3 rounded-md border p-2 lg:flex-col">
                  {video.coverUrl ? (
                    // biome-ignore lint/performance/noImgElement: TikTok's signed cover links change on every view; next/image would cache them.
                    <img
                      src={video.coverUrl}
                      alt=""
                      className="h-20 w-14 shrink-0 rounded object-cover lg:h-40 lg:w-full"
                    />
                  ) : (
                    <div className="h-20 w-14 shrink-0 rounded bg-muted lg:h-40 lg:w-full" aria-hidden />
                  )}
                  <div className="min-w-0 text-sm">
                    <p className="line-clamp-2 font-medium">{video.title ?? 'Untitled video'}</p>
                    <p className="text-muted-foreground">{show(video.views)} views</p>
                    {video.shareUrl ? (
                      <a
                        href={video.shareUrl}
                        target="_blank"
                        rel="noreferrer"
                        className="text-brand-text underline"
                      >
                        Open on TikTok
                      </a>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section className="space-y-2">
          <h3 className="text-sm font-medium">CSV files</h3>
          {files.length === 0 ? (
            <p className="text-sm text-muted-foreground">No files in this range yet.</p>
          ) : (
            <>
              <a className="text-sm font-medium text-brand-text underline" href={download(from, to)} download>
                Download {from} to {to} as one CSV
              </a>
              <ul className="flex flex-wrap gap-2 text-sm">
                {files.slice(0, 31).map((file) => (
                  <li key={file.day}>
                    <a
                      className="inline-flex rounded border px-2 py-1 hover:bg-muted"
                      href={download(file.day, file.day)}
                      download
                      data-testid={`download-${file.day}`}
                    >
                      {file.day} · {file.rows} rows
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
