import type { Metadata } from 'next';
import { Composer } from '@/components/publishing/composer';
import { PageHeader } from '@/components/ui/page-header';
import { listTiktokAccounts } from '@/lib/accounts/list-tiktok-accounts';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';

export const metadata: Metadata = { title: 'New post' };

export default async function NewPostPage() {
  const { user, workspace } = requireRoleForPage(await requireWorkspaceForPage('/publish/new'), [
    'owner',
    'admin',
  ]);
  const db = await getDb();
  const [accounts, settings] = await Promise.all([
    listTiktokAccounts(db, { workspaceId: workspace.id, userId: user.id }),
    getWorkspaceSettings(db, { workspaceId: workspace.id, userId: user.id }),
  ]);
  return (
    <>
      <PageHeader
        title="Post to TikTok"
        description="Choose the video or photos, the accounts and each account’s settings."
      />
      <Composer
        workspaceId={workspace.id}
        timeZone={settings.timeZone}
        accounts={accounts
          .filter((account) => account.kind !== 'ads')
          .map((account) => ({
            id: account.id,
            kind: account.kind,
            status: account.status,
            label: account.username ? `@${account.username}` : (account.displayName ?? 'TikTok account'),
          }))}
      />
    </>
  );
}
