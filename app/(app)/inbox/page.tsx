import type { Metadata } from 'next';
import { ICONS } from '@/components/app-shell/nav-items';
import { InboxApp } from '@/components/inbox/inbox-app';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listTiktokAccounts } from '@/lib/accounts/list-tiktok-accounts';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { getDb } from '@/lib/db/client';
import { listMembers } from '@/lib/workspaces/list-members';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  const { user, workspace } = await requireWorkspaceForPage('/inbox');
  const db = await getDb();
  const scope = { workspaceId: workspace.id, userId: user.id };
  const [accounts, members] = await Promise.all([listTiktokAccounts(db, scope), listMembers(db, scope)]);
  const business = accounts.filter((account) => account.kind === 'business');
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Direct messages from every connected business account, shared by the team."
      />
      {business.length === 0 ? (
        <EmptyState icon={ICONS.inbox} title="No business account connected">
          <p>
            Connect a TikTok business account on Accounts and its DMs land here live. TikTok lets businesses
            reply only after the customer writes first (conversations cannot be started from Tokdesk), within
            48 hours of their last message, and DMs are unavailable for accounts registered in the EEA,
            Switzerland and the UK.
          </p>
        </EmptyState>
      ) : (
        <InboxApp
          workspaceId={workspace.id}
          currentUserId={user.id}
          members={members.map((member) => ({ userId: member.userId, name: member.name ?? member.email }))}
          accounts={business.map((account) => ({
            id: account.id,
            name: account.displayName ?? account.username ?? 'Business account',
          }))}
        />
      )}
    </>
  );
}
