import type { Metadata } from 'next';
import { ICONS } from '@/components/app-shell/nav-items';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';

export const metadata: Metadata = { title: 'Publish' };

export default async function PublishPage() {
  requireRoleForPage(await requireWorkspaceForPage('/publish'), ['owner', 'admin']);
  return (
    <>
      <PageHeader title="Publish" description="Compose, schedule and track posts." />
      <EmptyState icon={ICONS.publish} title="Nothing scheduled">
        <p>
          Post videos and photo carousels to one or many creator accounts, now or on a schedule, or send them
          to the creator’s TikTok inbox as drafts. Each post shows its status from upload to live.
        </p>
      </EmptyState>
    </>
  );
}
