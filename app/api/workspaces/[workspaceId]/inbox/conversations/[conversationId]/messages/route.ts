import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { listMessages } from '@/lib/inbox/list-messages';
import { sendReply } from '@/lib/inbox/send-reply';

const querySchema = z.object({ before: z.string().max(300).optional() });

// GET /api/workspaces/:workspaceId/inbox/conversations/:id/messages – a thread page, older with `before`.
export const GET = withRoute(
  { access: 'workspace', query: querySchema },
  async ({ db, params, query, user, workspace }) =>
    listMessages(db, {
      workspaceId: workspace.id,
      userId: user.id,
      conversationId: String(params.conversationId),
      before: query.before,
    }),
);

// Generous on purpose: the 6000-character rule is checked (and explained) by the use case.
const sendSchema = z.object({
  text: z.string().max(100_000).nullable().optional(),
  imageMediaId: z.string().min(1).max(100).nullable().optional(),
});

// POST – a reply: text, one image, or both (sent as two messages, text first).
export const POST = withRoute(
  { access: 'workspace', body: sendSchema, maxBodyBytes: 512 * 1024 },
  async ({ db, params, body, user, workspace }) => {
    const messages = await sendReply(db, {
      workspaceId: workspace.id,
      userId: user.id,
      conversationId: String(params.conversationId),
      text: body.text,
      imageMediaId: body.imageMediaId,
    });
    return Response.json(
      { messages: messages.map((m) => ({ id: m.id, type: m.type, status: m.status })) },
      { status: 201 },
    );
  },
);
