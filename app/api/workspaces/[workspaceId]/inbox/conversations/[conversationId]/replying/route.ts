import { withRoute } from '@/lib/http/with-route';
import { announceReplying } from '@/lib/inbox/announce-replying';

// POST /api/workspaces/:workspaceId/inbox/conversations/:id/replying – "I am typing a reply".
export const POST = withRoute({ access: 'workspace' }, async ({ db, params, user, workspace }) => {
  await announceReplying(db, {
    workspaceId: workspace.id,
    userId: user.id,
    conversationId: String(params.conversationId),
  });
  return new Response(null, { status: 204 });
});
