import { ChevronRight } from 'lucide-react';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { describeTokenExpiry } from '@/lib/accounts/describe-token-expiry';
import type { TikTokAccountView } from '@/lib/accounts/list-tiktok-accounts';
import { formatTimeAgo } from '@/lib/time/format-dates';
import { AccountActions } from './account-actions';

const KIND_LABELS = { creator: 'Creator', business: 'Business', ads: 'Ad account' } as const;
const STATUS = {
  active: { variant: 'success', label: 'Active' },
  needs_reconnect: { variant: 'warning', label: 'Needs reconnecting' },
  disconnected: { variant: 'neutral', label: 'Disconnected' },
} as const;

const numberFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

function Stat({ label, value }: { label: string; value: number | string | null }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd
        className="text-sm font-medium wrap-anywhere text-foreground"
        data-testid={`stat-${label.toLowerCase()}`}
      >
        {value === null ? '—' : typeof value === 'number' ? numberFormat.format(value) : value}
      </dd>
    </div>
  );
}

export function AccountCard({
  account,
  canManage,
  now,
}: {
  account: TikTokAccountView;
  canManage: boolean;
  /** The app clock's time, read once for the page. */
  now: Date;
}) {
  const name = account.displayName ?? account.username ?? account.tiktokId;
  const label = account.username ? `@${account.username}` : name;
  const expiry = describeTokenExpiry({ ...account, now });
  const status = STATUS[account.status];
  return (
    <li
      className="flex flex-col gap-4 sm:flex-row sm:items-start"
      data-testid="account-row"
      data-account-id={account.id}
    >
      <div className="grid min-w-0 flex-1 grid-cols-[auto_1fr] items-start gap-x-4 gap-y-2">
        <Avatar src={account.avatarUrl} name={name} size="lg" className="sm:row-span-4" />
        <div className="flex min-h-12 flex-wrap items-center gap-x-2 gap-y-1">
          <p className="truncate font-medium text-foreground" data-testid="account-name">
            {name}
          </p>
          {account.username ? (
            <span className="truncate text-sm text-muted-foreground">@{account.username}</span>
          ) : null}
          <Badge variant="brand">{KIND_LABELS[account.kind]}</Badge>
          <Badge variant={status.variant}>{status.label}</Badge>
        </div>
        {account.statusExplanation ? (
          <p
            className="col-span-2 text-sm text-warning-text sm:col-span-1 sm:col-start-2"
            data-testid="account-status-reason"
          >
            {account.statusExplanation}
          </p>
        ) : null}
        <dl className="col-span-2 grid grid-cols-2 gap-x-4 gap-y-2 sm:col-span-1 sm:col-start-2 sm:grid-cols-3 sm:gap-x-6 md:flex md:flex-wrap">
          {account.kind === 'ads' ? (
            <>
              <Stat label="Advertiser" value={account.tiktokId} />
              <Stat label="Currency" value={account.currency} />
              <Stat label="Time zone" value={account.timeZone} />
            </>
          ) : (
            <>
              <Stat label="Followers" value={account.followerCount} />
              <Stat label="Likes" value={account.likesCount} />
              <Stat label="Videos" value={account.videoCount} />
            </>
          )}
          <Stat label="Access" value={expiry.access} />
          <Stat label="Connection" value={expiry.refresh} />
          <Stat label="Last sync" value={formatTimeAgo(account.lastSyncedAt, now)} />
        </dl>
        {account.scopes.length > 0 ? (
          <details className="group col-span-2 text-xs text-muted-foreground sm:col-span-1 sm:col-start-2">
            <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-sm hover:text-foreground [&::-webkit-details-marker]:hidden">
              <ChevronRight className="size-3.5 transition-transform group-open:rotate-90" aria-hidden />
              Permissions ({account.scopes.length})
            </summary>
            <p className="mt-1 pl-4.5 wrap-anywhere">{account.scopes.join(', ')}</p>
          </details>
        ) : null}
      </div>
      {canManage ? (
        <AccountActions accountId={account.id} kind={account.kind} label={label} status={account.status} />
      ) : null}
    </li>
  );
}
