import { z } from 'zod';
import { env } from '@/lib/env';
import { withRoute } from '@/lib/http/with-route';
import { createInvitation } from '@/lib/invitations/create-invitation';
import { listInvitations } from '@/lib/invitations/list-invitations';

const createSchema = z.object({
  email: z.email({ error: 'Enter a valid e-mail address.' }).max(320),
  role: z.enum(['admin', 'agent'], { error: 'role must be "admin" or "agent".' }),
});

// GET /api/workspaces/:workspaceId/invitations – pending invitations (owners and admins).
export const GET = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'] },
  async ({ db, user, workspace }) => ({
    invitations: await listInvitations(db, { workspaceId: workspace.id, userId: user.id }),
  }),
);

// POST /api/workspaces/:workspaceId/invitations – invite by link; the link is returned once.
export const POST = withRoute(
  {
    access: 'workspace',
    roles: ['owner', 'admin'],
    body: createSchema,
    maxBodyBytes: 16 * 1024,
    rateLimit: [
      { policy: 'api', by: 'user' },
      { policy: 'invitations', by: 'user' },
    ],
  },
  async ({ db, body, user, workspace, ip }) => {
    const invitation = await createInvitation(db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      ...body,
      appUrl: env.APP_URL,
      ip,
    });
    return Response.json({ invitation }, { status: 201 });
  },
);
