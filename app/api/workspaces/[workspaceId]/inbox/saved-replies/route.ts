import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { createSavedReply, listSavedReplies } from '@/lib/inbox/saved-replies';

// GET /api/workspaces/:workspaceId/inbox/saved-replies
export const GET = withRoute({ access: 'workspace' }, async ({ db, user, workspace }) => ({
  savedReplies: await listSavedReplies(db, { workspaceId: workspace.id, userId: user.id }),
}));

// POST – add one: { shortcut, body }.
export const POST = withRoute(
  {
    access: 'workspace',
    body: z.object({ shortcut: z.string().max(60), body: z.string().max(30_000) }),
    maxBodyBytes: 64 * 1024,
  },
  async ({ db, body, user, workspace }) =>
    Response.json(
      { savedReply: await createSavedReply(db, { workspaceId: workspace.id, userId: user.id, ...body }) },
      { status: 201 },
    ),
);
