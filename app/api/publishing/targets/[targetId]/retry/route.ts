import { withRoute } from '@/lib/http/with-route';
import { retryTarget } from '@/lib/publishing/retry-target';

// POST /api/publishing/targets/:targetId/retry – post a failed account's copy again.
export const POST = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'] },
  async ({ db, params, user, workspace }) => {
    const target = await retryTarget(db, {
      workspaceId: workspace.id,
      userId: user.id,
      targetId: String(params.targetId ?? ''),
    });
    return Response.json({ target: { id: target.id, stage: target.stage } });
  },
);
