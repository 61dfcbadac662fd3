import type { WebhookEventView } from '@/lib/webhooks/list-webhook-events';
import { formatTime } from './format-time';
import { StatusBadge } from './status-badge';

const SOURCE_LABELS = { tiktok: 'TikTok (creators)', 'tiktok-business': 'TikTok Business' } as const;

/**
 * Webhook deliveries, newest first. A workspace sees its account's name; the operator view, which
 * spans workspaces, shows TikTok's account id instead.
 */
export function WebhookEventsTable({
  events,
  account,
  testId,
}: {
  events: WebhookEventView[];
  account: 'label' | 'id';
  testId: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Webhook events">
        <thead className="text-xs text-slate-500">
          <tr>
            {[
              'Received',
              'Source',
              'Event',
              account === 'label' ? 'Account' : 'Account id',
              'Status',
              'Attempts',
            ].map((heading) => (
              <th key={heading} className="py-2 pr-4 font-medium">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} data-testid={testId} className="align-top">
              <td className="py-2 pr-4 whitespace-nowrap text-xs text-slate-500">
                <time dateTime={event.receivedAt.toISOString()}>{formatTime(event.receivedAt)}</time>
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">{SOURCE_LABELS[event.source]}</td>
              <td className="py-2 pr-4">
                <span className="font-mono text-xs">{event.event}</span>
                {event.note || event.lastError ? (
                  <p
                    className={event.lastError ? 'mt-1 text-xs text-red-700' : 'mt-1 text-xs text-slate-500'}
                  >
                    {event.lastError ?? event.note}
                  </p>
                ) : null}
              </td>
              <td className="py-2 pr-4">
                {account === 'id' ? (
                  <span className="font-mono text-xs">{event.userOpenId ?? '—'}</span>
                ) : (
                  (event.accountLabel ?? (
                    <span className="text-slate-500" title={event.userOpenId ?? undefined}>
                      —
                    </span>
                  ))
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
  );
}
