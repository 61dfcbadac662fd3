'use client';

import { Check, ChevronsUpDown, LogOut } from 'lucide-react';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { leaveWorkspaceAction } from '@/app/_actions/leave-workspace-action';
import { switchWorkspaceAction } from '@/app/_actions/switch-workspace-action';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { Separator } from '@/components/ui/separator';
import { WorkspaceIdField } from '@/components/workspace/workspace-id-field';
import { cn } from '@/lib/utils/cn';
import type { AppRole } from './nav-items';

type WorkspaceOption = { id: string; name: string; role: AppRole };

const itemClasses =
  'flex min-h-9 w-full items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm transition-colors hover:bg-accent';

/**
 * The current workspace, and a popover to switch, create or leave one. Switching is a plain form per
 * workspace (a list of buttons), so it works before hydration and reads well in a screen reader.
 */
export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: WorkspaceOption;
  workspaces: WorkspaceOption[];
}) {
  const [result, formAction] = useActionState(switchWorkspaceAction, null);
  const [leaveResult, leaveAction] = useActionState(leaveWorkspaceAction, null);
  const [open, setOpen] = useState(false);
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const error =
    (result && !result.ok && result.error) || (leaveResult && !leaveResult.ok && leaveResult.error);
  return (
    <div className="space-y-1.5">
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <button
            type="button"
            className="flex w-full items-center justify-between gap-2 rounded-md border bg-card px-3 py-2 text-left text-sm shadow-xs transition-colors hover:bg-accent"
            aria-label={`Workspace: ${current.name}. Switch workspace`}
          >
            <span className="min-w-0">
              <span className="block truncate font-medium text-foreground" data-testid="current-workspace">
                {current.name}
              </span>
              <span className="block text-xs text-muted-foreground capitalize">{current.role}</span>
            </span>
            <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          </button>
        </PopoverTrigger>
        <PopoverContent align="start" className="w-72 max-w-[calc(100vw-2rem)] p-1">
          <p className="px-2 pt-1.5 pb-1 text-xs font-medium text-muted-foreground" aria-hidden>
            Workspaces
          </p>
          <ul aria-label="Your workspaces">
            {workspaces.map((workspace) => {
              const isCurrent = workspace.id === current.id;
              return (
                <li key={workspace.id}>
                  <form action={formAction}>
                    <input type="hidden" name="workspaceId" value={workspace.id} />
                    <button
                      type="submit"
                      disabled={isCurrent}
                      aria-current={isCurrent ? 'true' : undefined}
                      className={cn(itemClasses, 'disabled:cursor-default disabled:bg-brand-subtle')}
                    >
                      <Check
                        className={cn('size-4 shrink-0 text-brand-text', !isCurrent && 'invisible')}
                        aria-hidden
                      />
                      <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
                      <span className="text-xs text-muted-foreground capitalize">{workspace.role}</span>
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
          <Separator className="my-1" />
          <Link href="/workspaces/new" className={cn(itemClasses, 'text-brand-text')}>
            + New workspace
          </Link>
          <button
            type="button"
            className={cn(itemClasses, 'text-destructive-text hover:bg-destructive-subtle')}
            onClick={() => {
              setOpen(false);
              setConfirmingLeave(true);
            }}
          >
            <LogOut className="size-4 shrink-0" aria-hidden />
            <span className="truncate">Leave {current.name}</span>
          </button>
        </PopoverContent>
      </Popover>
      {/* Under the trigger, not in the popover: the popover is closed by the time a leave fails. */}
      {error ? (
        <p role="alert" className="text-xs text-destructive-text">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmingLeave}
        onOpenChange={setConfirmingLeave}
        title={`Leave ${current.name}?`}
        description="You will need a new invitation to come back."
        confirmLabel="Leave workspace"
        pendingLabel="Leaving…"
        action={leaveAction}
      >
        <WorkspaceIdField />
      </ConfirmDialog>
    </div>
  );
}
