import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell/app-shell';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';

// The shell only renders who and where you are; each page authorizes its own data.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, workspace, workspaces } = await requireWorkspaceForPage();
  return (
    <AppShell user={user} workspace={workspace} workspaces={workspaces}>
      {children}
    </AppShell>
  );
}
