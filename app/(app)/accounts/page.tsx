import type { Metadata } from 'next';
import { z } from 'zod';
import { ICONS } from '@/components/app-shell/nav-items';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LiveStatus } from '@/components/live/live-status';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listTiktokAccounts, type TikTokAccountView } from '@/lib/accounts/list-tiktok-accounts';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { describeConnectFailure } from '@/lib/connect/connect-errors';
import { getDb } from '@/lib/db/client';
import { readSearchParams } from '@/lib/http/read-search-params';
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

// The callback reports its outcome in the query string; anything else there is ignored.
const NOTICE_PARAMS = {
  error: z.string().max(64),
  missing: z.string().max(1000),
  connected: z.enum(['creator', 'business', 'ads']),
  count: z.coerce.number().int().min(0).max(10_000),
  account: z.string().max(100),
  result: z.enum(['created', 'reconnected']),
};

function toast(search: Search, accounts: TikTokAccountView[]): ConnectToastProps | null {
  const params = readSearchParams(search, NOTICE_PARAMS);
  if (params.error) {
    return {
      tone: 'error',
      message: describeConnectFailure(params.error),
      detail: params.missing
        ? `Reconnect and keep these permissions ticked: ${params.missing.split(',').join(', ')}.`
        : undefined,
    };
  }
  if (!params.connected) return null;
  if (params.connected === 'ads') {
    const count = params.count ?? 1;
    return { tone: 'success', message: `Connected ${count} ad ${count === 1 ? 'account' : 'accounts'}.` };
  }
  const account = accounts.find((candidate) => candidate.id === params.account);
  const name = account?.username ? `@${account.username}` : (account?.displayName ?? 'the account');
  const verb = params.result === 'reconnected' ? 'Reconnected' : 'Connected';
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
          canManage && accounts.length > 0
            ? KINDS.map((item) => (
                <ConnectButton
                  key={item.kind}
                  kind={item.kind}
                  label={`+ ${item.title}`}
                  variant="secondary"
                  size="sm"
                />
              ))
            : null
        }
      />
      {notice ? <ConnectToast {...notice} /> : null}
      <AttentionBanner accounts={accounts} now={renderedAt} />
      {accounts.length === 0 ? (
        <EmptyState
          icon={ICONS.accounts}
          title="No TikTok accounts connected yet"
          contentClassName="max-w-3xl"
        >
          <p>
            {canManage
              ? 'Connect as many accounts of each kind as you run.'
              : 'An owner or admin of this workspace connects accounts; you will see them here.'}
          </p>
          <ul className="mt-6 grid gap-3 text-left sm:grid-cols-3 sm:gap-4">
            {KINDS.map((item) => (
              <li key={item.kind} className="flex flex-col gap-3 rounded-lg border bg-background/60 p-4">
                <p className="font-medium text-foreground">{item.title}</p>
                <p className="flex-1 text-sm text-muted-foreground">{item.sentence}</p>
                {canManage ? (
                  <ConnectButton kind={item.kind} label={item.button} size="sm" className="grid gap-1" />
                ) : null}
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Connected accounts ({accounts.length})</CardTitle>
            {canManage ? null : (
              <CardDescription>You can see these accounts; owners and admins manage them.</CardDescription>
            )}
          </CardHeader>
          <CardContent>
            <ul className="divide-y divide-border/70 [&>li]:py-4 [&>li:first-child]:pt-0 [&>li:last-child]:pb-0">
              {accounts.map((account) => (
                <AccountCard key={account.id} account={account} canManage={canManage} now={renderedAt} />
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </>
  );
}
