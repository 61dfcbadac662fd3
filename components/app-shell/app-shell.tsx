import type { ReactNode } from 'react';
import { signOutAction } from '@/app/_actions/sign-out-action';
import { Logo } from '@/components/logo';
import { Button } from '@/components/ui/button';
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
      <div className="mt-auto border-t border-slate-200 pt-4">
        <p className="truncate text-sm font-medium text-slate-900">{user.name ?? user.email}</p>
        <p className="truncate text-xs text-slate-500">{user.email}</p>
        <form action={signOutAction} className="mt-3">
          <Button type="submit" variant="secondary" size="sm" className="w-full">
            Sign out
          </Button>
        </form>
      </div>
    </div>
  );
}

/** Sidebar on wide screens; a disclosure menu in the header on small ones. */
export function AppShell({ children, ...props }: AppShellProps) {
  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col">
        <div className="px-4 pt-5">
          <Logo />
        </div>
        <SidebarContent {...props} />
      </aside>
      <header className="border-b border-slate-200 bg-white lg:hidden">
        <details className="group">
          <summary
            className="flex cursor-pointer list-none items-center justify-between px-4 py-3"
            aria-label="Open navigation"
          >
            <Logo />
            <span className="rounded-md border border-slate-200 px-2 py-1 text-sm text-slate-600">Menu</span>
          </summary>
          <SidebarContent {...props} />
        </details>
      </header>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8 lg:py-10">
        <div className="mx-auto max-w-5xl">{children}</div>
      </main>
    </div>
  );
}
