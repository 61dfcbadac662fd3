import { withRoute } from '@/lib/http/with-route';
import { deleteSavedReply } from '@/lib/inbox/saved-replies';

// DELETE /api/workspaces/:workspaceId/inbox/saved-replies/:replyId
export const DELETE = withRoute({ access: 'workspace' }, async ({ db, params, user, workspace }) => {
  await deleteSavedReply(db, { workspaceId: workspace.id, userId: user.id, id: String(params.replyId) });
  return new Response(null, { status: 204 });
});
