import { withRoute } from '@/lib/http/with-route';
import { getRedis } from '@/lib/kv/redis';
import { cancelTargetPull } from '@/lib/publishing/cancel-target-pull';

// POST /api/publishing/targets/:targetId/cancel – stop TikTok's download of a PULL_FROM_URL post.
export const POST = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'] },
  async ({ db, params, user, workspace }) => {
    const target = await cancelTargetPull(db, {
      workspaceId: workspace.id,
      userId: user.id,
      targetId: String(params.targetId ?? ''),
      redis: getRedis(),
    });
    return Response.json({ target: { id: target.id, stage: target.stage } });
  },
);
