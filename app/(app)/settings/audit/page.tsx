import type { Metadata } from 'next';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
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
  // A cursor that is not one we issued shows the newest events (listAuditEvents validates it).
  const { cursor } = readSearchParams(await searchParams, { cursor: z.string().max(512) });
  const db = await getDb();
  const [events, { timeZone }] = await Promise.all([
    listAuditEvents(db, { workspaceId: workspace.id, userId: user.id, cursor, limit: 50 }),
    getWorkspaceSettings(db, { workspaceId: workspace.id, userId: user.id }),
  ]);
  const last = events.at(-1);
  return (
    <>
      <PageHeader title="Settings" description={`People and history of ${workspace.name}.`} />
      <SettingsTabs active="/settings/audit" />
      <Card>
        <CardHeader>
          <CardTitle>Audit log</CardTitle>
          <CardDescription>Who did what in this workspace, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          {events.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
          ) : (
            <ol className="divide-y divide-border/70" aria-label="Audit events">
              {events.map((event) => (
                <li
                  key={event.id}
                  className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 py-2.5 text-sm first:pt-0 last:pb-0"
                  data-testid="audit-event"
                >
                  <span className="font-medium text-foreground">
                    {event.actorName ?? event.actorEmail ?? 'Someone'}
                  </span>{' '}
                  <span className="text-secondary-foreground">{event.description}</span>{' '}
                  {event.targetLabel ? (
                    <span className="wrap-anywhere text-muted-foreground">· {event.targetLabel}</span>
                  ) : null}
                  {event.changes ? (
                    <span className="wrap-anywhere text-muted-foreground">· {event.changes}</span>
                  ) : null}
                  <time
                    className="w-full text-xs text-muted-foreground sm:ml-auto sm:w-auto"
                    dateTime={event.createdAt.toISOString()}
                  >
                    {formatInZone(event.createdAt, timeZone)}
                  </time>
                </li>
              ))}
            </ol>
          )}
          {events.length === 50 && last ? (
            <Button asChild variant="link" className="mt-4">
              <a href={`/settings/audit?cursor=${encodeURIComponent(last.cursor)}`}>Older events →</a>
            </Button>
          ) : null}
        </CardContent>
      </Card>
    </>
  );
}
