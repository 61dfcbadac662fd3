import { withRoute } from '@/lib/http/with-route';
import { countUnread } from '@/lib/inbox/count-unread';

// GET /api/workspaces/:workspaceId/inbox/counts – unread conversations per filter.
export const GET = withRoute({ access: 'workspace' }, async ({ db, user, workspace }) => ({
  unread: await countUnread(db, { workspaceId: workspace.id, userId: user.id }),
}));
