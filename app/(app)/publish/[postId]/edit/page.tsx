import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Composer } from '@/components/publishing/composer';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { listTiktokAccounts } from '@/lib/accounts/list-tiktok-accounts';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { getPostForEdit } from '@/lib/publishing/get-post-for-edit';
import { getWorkspaceSettings } from '@/lib/workspaces/get-workspace-settings';

export const metadata: Metadata = { title: 'Edit post' };

export default async function EditPostPage({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  const { user, workspace } = requireRoleForPage(
    await requireWorkspaceForPage(`/publish/${encodeURIComponent(postId)}/edit`),
    ['owner', 'admin'],
  );
  const db = await getDb();
  const scope = { workspaceId: workspace.id, userId: user.id };
  const [post, accounts, settings] = await Promise.all([
    // Another workspace's post, or one deleted since: the page does not exist, as for the API.
    getPostForEdit(db, { ...scope, postId }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') notFound();
      throw error;
    }),
    listTiktokAccounts(db, scope),
    getWorkspaceSettings(db, scope),
  ]);
  return (
    <>
      <PageHeader
        title="Edit post"
        description="Change the caption, the accounts, their settings or the time."
      />
      {post ? (
        <Composer
          workspaceId={workspace.id}
          timeZone={settings.timeZone}
          editing={post}
          accounts={accounts
            .filter((account) => account.kind !== 'ads')
            .map((account) => ({
              id: account.id,
              kind: account.kind,
              status: account.status,
              label: account.username ? `@${account.username}` : (account.displayName ?? 'TikTok account'),
            }))}
        />
      ) : (
        <Alert variant="warning" role="status">
          <AlertTitle>This post can no longer be edited.</AlertTitle>
          <AlertDescription>
            It has started going to TikTok.{' '}
            <Link href="/publish" className="underline">
              Follow its status
            </Link>
            .
          </AlertDescription>
        </Alert>
      )}
    </>
  );
}
