import { withRoute } from '@/lib/http/with-route';
import { markConversationRead } from '@/lib/inbox/mark-conversation-read';

// POST /api/workspaces/:workspaceId/inbox/conversations/:id/read – the agent has seen it.
export const POST = withRoute({ access: 'workspace' }, async ({ db, params, user, workspace }) => {
  await markConversationRead(db, {
    workspaceId: workspace.id,
    userId: user.id,
    conversationId: String(params.conversationId),
  });
  return new Response(null, { status: 204 });
});
