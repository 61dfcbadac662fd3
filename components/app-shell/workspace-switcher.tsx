'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { leaveWorkspaceAction } from '@/app/_actions/leave-workspace-action';
import { switchWorkspaceAction } from '@/app/_actions/switch-workspace-action';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import type { AppRole } from './nav-items';

type WorkspaceOption = { id: string; name: string; role: AppRole };

/** A disclosure menu (native <details>): keyboard and screen-reader friendly without extra script. */
export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: WorkspaceOption;
  workspaces: WorkspaceOption[];
}) {
  const [result, formAction] = useActionState(switchWorkspaceAction, null);
  const [leaveResult, leaveAction] = useActionState(leaveWorkspaceAction, null);
  const error =
    (result && !result.ok && result.error) || (leaveResult && !leaveResult.ok && leaveResult.error);
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-left text-sm hover:bg-slate-50"
        aria-label={`Workspace: ${current.name}. Switch workspace`}
      >
        <span className="min-w-0">
          <span className="block truncate font-medium text-slate-900" data-testid="current-workspace">
            {current.name}
          </span>
          <span className="block text-xs capitalize text-slate-500">{current.role}</span>
        </span>
        <svg
          viewBox="0 0 20 20"
          className="size-4 shrink-0 text-slate-400 group-open:rotate-180"
          fill="currentColor"
          aria-hidden
        >
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </summary>
      <div className="absolute inset-x-0 z-20 mt-1 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        <ul aria-label="Your workspaces">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <form action={formAction}>
                <input type="hidden" name="workspaceId" value={workspace.id} />
                <button
                  type="submit"
                  disabled={workspace.id === current.id}
                  aria-current={workspace.id === current.id ? 'true' : undefined}
                  className="flex w-full items-center justify-between rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 disabled:cursor-default disabled:bg-brand-50"
                >
                  <span className="truncate">{workspace.name}</span>
                  <span className="text-xs capitalize text-slate-500">{workspace.role}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
        {error ? (
          <p role="alert" className="px-2 py-1 text-xs text-red-600">
            {error}
          </p>
        ) : null}
        <Link
          href="/workspaces/new"
          className="mt-1 block rounded border-t border-slate-100 px-2 py-1.5 text-sm text-brand-700 hover:bg-slate-100"
        >
          + New workspace
        </Link>
        <form
          action={leaveAction}
          onSubmit={(event) => {
            if (!window.confirm(`Leave ${current.name}? You will need a new invitation to come back.`))
              event.preventDefault();
          }}
        >
          <WorkspaceIdField />
          <button
            type="submit"
            className="block w-full rounded px-2 py-1.5 text-left text-sm text-red-700 hover:bg-red-50"
          >
            Leave {current.name}
          </button>
        </form>
      </div>
    </details>
  );
}
