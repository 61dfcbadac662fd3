import { Badge } from '@/components/ui/badge';
import { describeTokenExpiry } from '@/lib/accounts/describe-token-expiry';
import type { TikTokAccountView } from '@/lib/accounts/list-tiktok-accounts';
import { formatTimeAgo } from '@/lib/time/format-dates';
import { AccountActions } from './account-actions';

const KIND_LABELS = { creator: 'Creator', business: 'Business', ads: 'Ad account' } as const;
const STATUS = {
  active: { tone: 'success', label: 'Active' },
  needs_reconnect: { tone: 'warning', label: 'Needs reconnecting' },
  disconnected: { tone: 'neutral', label: 'Disconnected' },
} as const;

const numberFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

function Stat({ label, value }: { label: string; value: number | string | null }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm font-medium text-slate-900" data-testid={`stat-${label.toLowerCase()}`}>
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
      className="flex flex-wrap items-start gap-4 py-4"
      data-testid="account-row"
      data-account-id={account.id}
    >
      {account.avatarUrl ? (
        // biome-ignore lint/performance/noImgElement: avatars come from TikTok's CDN, not through next/image.
        <img src={account.avatarUrl} alt="" className="size-12 rounded-full bg-slate-100 object-cover" />
      ) : (
        <div className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-lg font-semibold text-slate-500">
          {name.slice(0, 1).toUpperCase()}
        </div>
      )}
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <p className="truncate font-medium text-slate-900" data-testid="account-name">
            {name}
          </p>
          {account.username ? <span className="text-sm text-slate-500">@{account.username}</span> : null}
          <Badge tone="brand">{KIND_LABELS[account.kind]}</Badge>
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
        {account.statusExplanation ? (
          <p className="text-sm text-amber-800" data-testid="account-status-reason">
            {account.statusExplanation}
          </p>
        ) : null}
        <dl className="flex flex-wrap gap-x-6 gap-y-2">
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
          <details className="text-xs text-slate-500">
            <summary className="cursor-pointer">Permissions ({account.scopes.length})</summary>
            <p className="mt-1">{account.scopes.join(', ')}</p>
          </details>
        ) : null}
      </div>
      {canManage ? (
        <AccountActions accountId={account.id} kind={account.kind} label={label} status={account.status} />
      ) : null}
    </li>
  );
}
