import type { Metadata } from 'next';
import { ICONS } from '@/components/app-shell/nav-items';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  await requireWorkspaceForPage('/inbox');
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Direct messages from every connected business account, shared by the team."
      />
      <EmptyState icon={ICONS.inbox} title="No conversations yet">
        <p>
          When a business account is connected, its TikTok DMs land here live. Reply with text or an image
          within TikTok’s 48-hour window, assign conversations to teammates and see when messages are read.
        </p>
      </EmptyState>
    </>
  );
}
