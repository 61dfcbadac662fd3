import type { Metadata } from 'next';
import { ICONS } from '@/components/app-shell/nav-items';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LiveStatus } from '@/components/live/live-status';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { CONNECT_ERROR_MESSAGES, isConnectErrorCode } from '@/lib/accounts/connect-errors';
import { listTiktokAccounts, type TikTokAccountView } from '@/lib/accounts/list-tiktok-accounts';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import { getRequestLiveCursor } from '@/lib/live/get-request-live-cursor';
import { now } from '@/lib/time/clock';
import { AccountCard } from './_components/account-card';
import { AttentionBanner } from './_components/attention-banner';
import { ConnectButton } from './_components/connect-button';
import { ConnectToast, type ConnectToastProps } from './_components/connect-toast';

export const metadata: Metadata = { title: 'Accounts' };

const KINDS = [
  {
    kind: 'creator',
    title: 'Creator account',
    button: 'Connect a creator account',
    sentence: 'Publish videos and photos, and follow followers, likes and views.',
  },
  {
    kind: 'business',
    title: 'Business account',
    button: 'Connect a business account',
    sentence: 'Bring the account’s direct messages into the shared inbox.',
  },
  {
    kind: 'ads',
    title: 'Ad accounts',
    button: 'Connect ad accounts',
    sentence: 'Feed spend, impressions, clicks and conversions into reports.',
  },
] as const;

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function toast(search: Search, accounts: TikTokAccountView[]): ConnectToastProps | null {
  const error = one(search.error);
  if (error) {
    const missing = one(search.missing);
    return {
      tone: 'error',
      message: isConnectErrorCode(error)
        ? CONNECT_ERROR_MESSAGES[error]
        : CONNECT_ERROR_MESSAGES.unexpected_error,
      detail: missing
        ? `Reconnect and keep these permissions ticked: ${missing.split(',').join(', ')}.`
        : undefined,
    };
  }
  const connected = one(search.connected);
  if (!connected) return null;
  if (connected === 'ads') {
    const count = Number(one(search.count) ?? 1);
    return { tone: 'success', message: `Connected ${count} ad ${count === 1 ? 'account' : 'accounts'}.` };
  }
  const account = accounts.find((candidate) => candidate.id === one(search.account));
  const name = account?.username ? `@${account.username}` : (account?.displayName ?? 'the account');
  const verb = one(search.result) === 'reconnected' ? 'Reconnected' : 'Connected';
  return { tone: 'success', message: `${verb} ${name}.` };
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user, workspace } = await requireWorkspaceForPage('/accounts');
  const canManage = workspace.role !== 'agent';
  // Before the data: a change committed after this read reaches the page as a live event.
  const liveCursor = await getRequestLiveCursor();
  const accounts = await listTiktokAccounts(await getDb(), { workspaceId: workspace.id, userId: user.id });
  const notice = toast(await searchParams, accounts);
  const renderedAt = now();
  return (
    <>
      <LiveRefresh types={['account.connected', 'account.status_changed']} since={liveCursor} />
      <PageHeader
        title="Accounts"
        description={
          <span className="flex flex-wrap items-center gap-3">
            The TikTok accounts this workspace runs.
            <LiveStatus />
          </span>
        }
        actions={
          canManage && accounts.length > 0 ? (
            <div className="flex flex-wrap gap-2">
              {KINDS.map((item) => (
                <ConnectButton
                  key={item.kind}
                  kind={item.kind}
                  label={`+ ${item.title}`}
                  variant="secondary"
                  size="sm"
                />
              ))}
            </div>
          ) : null
        }
      />
      {notice ? <ConnectToast {...notice} /> : null}
      <AttentionBanner accounts={accounts} now={renderedAt} />
      {accounts.length === 0 ? (
        <EmptyState icon={ICONS.accounts} title="No TikTok accounts connected yet">
          <p>
            {canManage
              ? 'Connect as many accounts of each kind as you run.'
              : 'An owner or admin of this workspace connects accounts; you will see them here.'}
          </p>
          <ul className="mt-6 grid gap-4 text-left sm:grid-cols-3">
            {KINDS.map((item) => (
              <li key={item.kind} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4">
                <p className="font-medium text-slate-900">{item.title}</p>
                <p className="flex-1 text-sm text-slate-600">{item.sentence}</p>
                {canManage ? <ConnectButton kind={item.kind} label={item.button} size="sm" /> : null}
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : (
        <Card
          title={`Connected accounts (${accounts.length})`}
          description={canManage ? undefined : 'You can see these accounts; owners and admins manage them.'}
        >
          <ul className="divide-y divide-slate-100">
            {accounts.map((account) => (
              <AccountCard key={account.id} account={account} canManage={canManage} now={renderedAt} />
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
