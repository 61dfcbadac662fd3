import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell/app-shell';
import { LiveFeedProvider } from '@/components/live/live-feed-provider';
import { RenderedWorkspaceProvider } from '@/components/workspace/workspace-id-field';
import { requireWorkspaceForPage } from '@/lib/auth/current-workspace';
import { getRequestLiveCursor } from '@/lib/live/get-request-live-cursor';

// The shell only renders who and where you are; each page authorizes its own data. Forms below
// learn the workspace they were rendered for from the provider (see WorkspaceIdField).
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, workspace, workspaces } = await requireWorkspaceForPage();
  return (
    <RenderedWorkspaceProvider workspaceId={workspace.id}>
      <LiveFeedProvider key={workspace.id} workspaceId={workspace.id} cursor={await getRequestLiveCursor()}>
        <AppShell user={user} workspace={workspace} workspaces={workspaces}>
          {children}
        </AppShell>
      </LiveFeedProvider>
    </RenderedWorkspaceProvider>
  );
}
