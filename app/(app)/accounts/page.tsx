import type { Metadata } from 'next';
import { ICONS } from '@/components/app-shell/nav-items';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AccountsPage() {
  const { workspace } = await requireWorkspaceForPage('/accounts');
  const canConnect = workspace.role !== 'agent';
  return (
    <>
      <PageHeader title="Accounts" description="The TikTok accounts this workspace runs." />
      <EmptyState icon={ICONS.accounts} title="No TikTok accounts connected yet">
        <p>
          Creator accounts let you publish videos and photos and read their stats; business accounts bring
          their direct messages into the shared inbox; ad accounts feed spend and results into reports.
        </p>
        <p className="mt-2">
          {canConnect
            ? 'Connecting accounts arrives with the next release of Tokdesk.'
            : 'An owner or admin of this workspace connects accounts; you will see them here.'}
        </p>
      </EmptyState>
    </>
  );
}
