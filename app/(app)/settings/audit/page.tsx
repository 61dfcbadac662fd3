import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { formatInZone } from '@/lib/time/format-dates';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';
import { listAuditEvents } from '@/lib/workspaces/list-audit-events';
import { SettingsTabs } from '../_components/settings-tabs';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditLogPage({ searchParams }: PageProps<'/settings/audit'>) {
  const { user, workspace } = requireRoleForPage(await requireWorkspaceForPage('/settings/audit'), [
    'owner',
    'admin',
  ]);
  const { cursor } = await searchParams;
  const db = await getDb();
  const [events, { timeZone }] = await Promise.all([
    listAuditEvents(db, {
      workspaceId: workspace.id,
      userId: user.id,
      cursor: typeof cursor === 'string' ? cursor : undefined,
      limit: 50,
    }),
    getWorkspaceSettings(db, { workspaceId: workspace.id, userId: user.id }),
  ]);
  const last = events.at(-1);
  return (
    <>
      <PageHeader title="Settings" description={`People and history of ${workspace.name}.`} />
      <SettingsTabs active="/settings/audit" />
      <Card title="Audit log" description="Who did what in this workspace, newest first.">
        {events.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing recorded yet.</p>
        ) : (
          <ol className="divide-y divide-slate-100" aria-label="Audit events">
            {events.map((event) => (
              <li
                key={event.id}
                className="flex flex-wrap items-baseline gap-x-2 py-2.5 text-sm"
                data-testid="audit-event"
              >
                <span className="font-medium text-slate-900">
                  {event.actorName ?? event.actorEmail ?? 'Someone'}
                </span>{' '}
                <span className="text-slate-700">{event.description}</span>{' '}
                {event.targetLabel ? <span className="text-slate-500">· {event.targetLabel}</span> : null}
                <time className="ml-auto text-xs text-slate-500" dateTime={event.createdAt.toISOString()}>
                  {formatInZone(event.createdAt, timeZone)}
                </time>
              </li>
            ))}
          </ol>
        )}
        {events.length === 50 && last ? (
          <a
            href={`/settings/audit?cursor=${encodeURIComponent(last.cursor)}`}
            className="mt-3 inline-block text-sm text-brand-700 hover:underline"
          >
            Older events →
          </a>
        ) : null}
      </Card>
    </>
  );
}
