import type { Metadata } from 'next';
import Link from 'next/link';
import { CenteredCard } from '@/components/centered-card';
import { Button } from '@/components/ui/button';
import { requireUserForPage } from '@/lib/auth/current-user';
import { CreateWorkspaceForm } from './create-workspace-form';

export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  await requireUserForPage('/workspaces/new');
  return (
    <CenteredCard className="space-y-4">
      <h1 className="text-xl font-semibold">New workspace</h1>
      <p className="text-sm text-muted-foreground">
        A workspace holds one team’s TikTok accounts, inbox and reports. You will be its owner.
      </p>
      <CreateWorkspaceForm />
      <Button asChild variant="ghost" className="w-full">
        <Link href="/accounts">Cancel</Link>
      </Button>
    </CenteredCard>
  );
}
