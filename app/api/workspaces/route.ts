import { withRoute } from '@/lib/http/with-route';
import { listUserWorkspaces } from '@/lib/workspaces/list-user-workspaces';

// GET /api/workspaces – the caller's workspaces and their role in each.
export const GET = withRoute({ access: 'user' }, async ({ db, user }) => ({
  workspaces: await listUserWorkspaces(db, user.id),
}));
