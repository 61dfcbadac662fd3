'use client';

import { createContext, type ReactNode, useContext } from 'react';
import { WORKSPACE_FORM_FIELD } from '@/lib/workspaces/workspace-binding';

const RenderedWorkspace = createContext<string | null>(null);

/** Wraps every workspace page (app/(app)/layout.tsx): the workspace the page is rendered for. */
export function RenderedWorkspaceProvider({
  workspaceId,
  children,
}: {
  workspaceId: string;
  children: ReactNode;
}) {
  return <RenderedWorkspace.Provider value={workspaceId}>{children}</RenderedWorkspace.Provider>;
}

/** The id of the workspace this page was rendered for, e.g. for the `X-Workspace-Id` header of a fetch. */
export function useRenderedWorkspaceId(): string {
  const workspaceId = useContext(RenderedWorkspace);
  if (!workspaceId) throw new Error('useRenderedWorkspaceId() is only available on workspace pages');
  return workspaceId;
}

/**
 * The hidden field every state-changing form of a workspace page carries. `withAction` compares it
 * with the workspace the user is in now and refuses the submission if another tab switched.
 * Outside a workspace page (the operator view reuses some forms) it renders nothing: actions there
 * are not workspace-scoped, and a workspace-scoped action without the field is refused anyway.
 */
export function WorkspaceIdField() {
  const workspaceId = useContext(RenderedWorkspace);
  return workspaceId ? <input type="hidden" name={WORKSPACE_FORM_FIELD} value={workspaceId} /> : null;
}
