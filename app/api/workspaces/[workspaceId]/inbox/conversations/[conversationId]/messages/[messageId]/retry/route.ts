import { withRoute } from '@/lib/http/with-route';
import { retryMessage } from '@/lib/inbox/retry-message';

// POST /api/workspaces/:workspaceId/inbox/conversations/:id/messages/:messageId/retry
export const POST = withRoute({ access: 'workspace' }, async ({ db, params, user, workspace }) => {
  await retryMessage(db, {
    workspaceId: workspace.id,
    userId: user.id,
    conversationId: String(params.conversationId),
    messageId: String(params.messageId),
  });
  return new Response(null, { status: 202 });
});
