import { LogOut } from 'lucide-react';
import type { ReactNode } from 'react';
import { signOutAction } from '@/app/_actions/sign-out-action';
import { Logo } from '@/components/logo';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import { MobileNav } from './mobile-nav';
import type { AppRole } from './nav-items';
import { NavLinks } from './nav-links';
import { WorkspaceSwitcher } from './workspace-switcher';

export type AppShellProps = {
  user: { name: string | null; email: string };
  workspace: { id: string; name: string; role: AppRole };
  workspaces: { id: string; name: string; role: AppRole }[];
  children: ReactNode;
};

function SidebarContent({ user, workspace, workspaces }: Omit<AppShellProps, 'children'>) {
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-6 overflow-y-auto p-4">
      <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
      <NavLinks role={workspace.role} />
      <div className="mt-auto border-t pt-4">
        <div className="flex items-center gap-3">
          <Avatar name={user.name ?? user.email} size="sm" />
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-foreground">{user.name ?? user.email}</p>
            <p className="truncate text-xs text-muted-foreground">{user.email}</p>
          </div>
        </div>
        <form action={signOutAction} className="mt-3">
          <Button type="submit" variant="secondary" size="sm" className="w-full">
            <LogOut aria-hidden />
            Sign out
          </Button>
        </form>
      </div>
    </div>
  );
}

/** Sidebar on wide screens; a header with a navigation sheet on small ones. */
export function AppShell({ children, ...props }: AppShellProps) {
  return (
    <div className="min-h-dvh lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:shadow-md"
      >
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 border-r bg-card lg:sticky lg:top-0 lg:flex lg:h-dvh lg:flex-col">
        <div className="px-4 pt-5">
          <Logo />
        </div>
        <SidebarContent {...props} />
      </aside>
      <header className="sticky top-0 z-40 flex items-center justify-between gap-3 border-b bg-card/95 px-4 py-2 backdrop-blur lg:hidden">
        <Logo />
        {/* Keyed by workspace: after a switch the sheet starts closed on the new workspace. */}
        <MobileNav key={props.workspace.id}>
          <SidebarContent {...props} />
        </MobileNav>
      </header>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8 lg:py-10">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
