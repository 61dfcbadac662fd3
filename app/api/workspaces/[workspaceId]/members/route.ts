import { withRoute } from '@/lib/http/with-route';
import { listMembers } from '@/lib/workspaces/list-members';

// GET /api/workspaces/:workspaceId/members – everyone in the workspace and their role.
export const GET = withRoute({ access: 'workspace' }, async ({ db, user, workspace }) => ({
  members: await listMembers(db, { workspaceId: workspace.id, userId: user.id }),
}));
