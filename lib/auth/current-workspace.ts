import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { resolveCurrentWorkspace } from '@/lib/workspaces/resolve-current-workspace';
import { type CurrentUser, requireUser, requireUserForPage } from './current-user';

/** Remembers which workspace the user switched to; always re-checked against memberships. */
export const WORKSPACE_COOKIE = 'tokdesk-workspace';

export type WorkspaceContext = {
  user: CurrentUser;
  workspace: { id: string; name: string; role: Role };
  workspaces: { id: string; name: string; role: Role }[];
};

const loadWorkspaceContext = cache(async (user: CurrentUser): Promise<WorkspaceContext | null> => {
  const preferredWorkspaceId = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  const { current, all } = await resolveCurrentWorkspace(await getDb(), {
    userId: user.id,
    preferredWorkspaceId,
  });
  return current ? { user, workspace: current, workspaces: all } : null;
});

/** For route handlers and actions: the user and the workspace they act in, membership verified. */
export async function requireWorkspaceContext(): Promise<WorkspaceContext> {
  const context = await loadWorkspaceContext(await requireUser());
  if (!context)
    throw new AppError({ code: 'not_found', message: 'You are not a member of any workspace yet.' });
  return context;
}

/**
 * For actions and id-less routes that change state: the workspace context, refused when the page
 * that sent the request was rendered for another workspace than the cookie names now (the user
 * switched in another tab). Acting anyway would apply the click to the wrong workspace.
 */
export async function requireWorkspaceContextFor(
  renderedWorkspaceId: string | null,
): Promise<WorkspaceContext> {
  const context = await requireWorkspaceContext();
  if (!renderedWorkspaceId) {
    throw new AppError({
      code: 'bad_request',
      message: 'This form does not say which workspace it belongs to. Reload the page and try again.',
    });
  }
  if (renderedWorkspaceId === context.workspace.id) return context;
  const rendered = context.workspaces.find((workspace) => workspace.id === renderedWorkspaceId);
  throw new AppError({
    code: 'workspace_mismatch',
    message: rendered
      ? `This page belongs to workspace “${rendered.name}”; you switched to “${context.workspace.name}” in another tab. Reload to continue.`
      : `This page belongs to a workspace you are no longer a member of; you are now in “${context.workspace.name}”. Reload to continue.`,
  });
}

/** For pages: signs the visitor in first; users without any workspace are sent to create one. */
export async function requireWorkspaceForPage(returnTo?: string): Promise<WorkspaceContext> {
  const context = await loadWorkspaceContext(await requireUserForPage(returnTo));
  if (!context) redirect('/workspaces/new');
  return context;
}

/** Remembers the workspace to act in; only ever set after membership was verified. */
export async function rememberWorkspace(workspaceId: string, secure: boolean): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
  });
}
