import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { addNote } from '@/lib/inbox/add-note';

// POST /api/workspaces/:workspaceId/inbox/conversations/:id/notes – a private note for teammates.
export const POST = withRoute(
  { access: 'workspace', body: z.object({ text: z.string().max(20_000) }), maxBodyBytes: 128 * 1024 },
  async ({ db, params, body, user, workspace }) => {
    const note = await addNote(db, {
      workspaceId: workspace.id,
      userId: user.id,
      conversationId: String(params.conversationId),
      text: body.text,
    });
    return Response.json({ note: { id: note.id } }, { status: 201 });
  },
);
