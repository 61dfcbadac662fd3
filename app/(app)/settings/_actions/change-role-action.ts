'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { changeMemberRole } from '@/lib/workspaces/change-member-role';

const schema = z.object({
  memberUserId: z.string().min(1).max(100),
  role: z.enum(['owner', 'admin', 'agent']),
});

export const changeRoleAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    await changeMemberRole(db, { workspaceId: workspace.id, actorUserId: user.id, ...input, ip });
    revalidatePath('/settings');
  },
);
