import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { getConversation } from '@/lib/inbox/get-conversation';
import { updateConversation } from '@/lib/inbox/update-conversation';

// GET /api/workspaces/:workspaceId/inbox/conversations/:id – header and composer state.
export const GET = withRoute({ access: 'workspace' }, async ({ db, params, user, workspace }) => ({
  conversation: await getConversation(db, {
    workspaceId: workspace.id,
    userId: user.id,
    conversationId: String(params.conversationId),
  }),
}));

const patchSchema = z
  .object({
    assigneeId: z.string().min(1).max(100).nullable().optional(),
    status: z.enum(['open', 'resolved']).optional(),
  })
  .refine((body) => body.assigneeId !== undefined || body.status !== undefined, 'Nothing to change.');

// PATCH – assign (or unassign), resolve or reopen.
export const PATCH = withRoute(
  { access: 'workspace', body: patchSchema, maxBodyBytes: 4 * 1024 },
  async ({ db, params, body, user, workspace }) => {
    await updateConversation(db, {
      workspaceId: workspace.id,
      userId: user.id,
      conversationId: String(params.conversationId),
      ...body,
    });
    return new Response(null, { status: 204 });
  },
);
