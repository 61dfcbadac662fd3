import 'server-only';
import { forbidden } from 'next/navigation';
import type { Role } from '@/lib/db/schema';
import type { WorkspaceContext } from './current-workspace';

/** Pages only an owner or admin may open answer 403 to everyone else. */
export function requireRoleForPage(context: WorkspaceContext, roles: readonly Role[]): WorkspaceContext {
  if (!roles.includes(context.workspace.role)) forbidden();
  return context;
}
