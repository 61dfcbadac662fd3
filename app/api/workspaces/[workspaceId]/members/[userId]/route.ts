import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { changeMemberRole } from '@/lib/workspaces/change-member-role';
import { removeMember } from '@/lib/workspaces/remove-member';

const patchSchema = z.object({
  role: z.enum(['owner', 'admin', 'agent'], { error: 'role must be "owner", "admin" or "agent".' }),
});

// PATCH /api/workspaces/:workspaceId/members/:userId – change a member's role.
export const PATCH = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'], body: patchSchema, maxBodyBytes: 4 * 1024 },
  async ({ db, body, params, user, workspace, ip }) => ({
    member: await changeMemberRole(db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      memberUserId: String(params.userId),
      role: body.role,
      ip,
    }),
  }),
);

// DELETE /api/workspaces/:workspaceId/members/:userId – remove a member.
export const DELETE = withRoute(
  { access: 'workspace', roles: ['owner', 'admin'] },
  async ({ db, params, user, workspace, ip }) => {
    await removeMember(db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      memberUserId: String(params.userId),
      ip,
    });
    return new Response(null, { status: 204 });
  },
);
