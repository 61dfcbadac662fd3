import { withRoute } from '@/lib/http/with-route';
import { cancelPost } from '@/lib/publishing/cancel-post';

// POST /api/publishing/posts/:postId/cancel – cancel a scheduled post, or delete a Tokdesk draft.
export const POST = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'] },
  async ({ db, params, user, workspace }) => {
    await cancelPost(db, { workspaceId: workspace.id, userId: user.id, postId: String(params.postId ?? '') });
    return Response.json({ ok: true });
  },
);
