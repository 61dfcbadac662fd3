import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatInZone } from '@/lib/time/format-dates';
import type { WebhookEventView } from '@/lib/webhooks/list-webhook-events';
import { StatusBadge } from './status-badge';

const SOURCE_LABELS = { tiktok: 'TikTok (creators)', 'tiktok-business': 'TikTok Business' } as const;

/**
 * Webhook deliveries, newest first. A workspace sees its account's name; the operator view, which
 * spans workspaces, shows TikTok's account id instead.
 */
export function WebhookEventsTable({
  events,
  account,
  timeZone,
  testId,
}: {
  events: WebhookEventView[];
  account: 'label' | 'id';
  /** The workspace's zone; the operator view, which spans workspaces, shows UTC. */
  timeZone: string;
  testId: string;
}) {
  return (
    <Table aria-label="Webhook events">
      <TableHeader>
        <TableRow>
          <TableHead>Received</TableHead>
          <TableHead>Source</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>{account === 'label' ? 'Account' : 'Account id'}</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id} data-testid={testId}>
            <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
              <time dateTime={event.receivedAt.toISOString()}>
                {formatInZone(event.receivedAt, timeZone, 'd MMM yyyy, HH:mm:ss zzz')}
              </time>
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
              {account === 'id' ? (
                <span className="font-mono text-xs">{event.userOpenId ?? '—'}</span>
              ) : (
                (event.accountLabel ?? (
                  <span className="text-muted-foreground" title={event.userOpenId ?? undefined}>
                    —
                  </span>
                ))
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
  );
}
