import type { Metadata } from 'next';
import { ICONS } from '@/components/app-shell/nav-items';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { requireRoleForPage } from '@/lib/auth/require-role-for-page';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  requireRoleForPage(await requireWorkspaceForPage('/reports'), ['owner', 'admin']);
  return (
    <>
      <PageHeader title="Reports" description="Daily numbers for every account." />
      <EmptyState icon={ICONS.reports} title="No reports yet">
        <p>
          Every day Tokdesk records followers, views, likes, comments and shares per account and per video,
          and ad spend, impressions, clicks and conversions per advertiser. History charts and CSV exports
          appear here.
        </p>
      </EmptyState>
    </>
  );
}
