'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { removeMember } from '@/lib/workspaces/remove-member';

const schema = z.object({ memberUserId: z.string().min(1).max(100) });

export const removeMemberAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    await removeMember(db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      memberUserId: input.memberUserId,
      ip,
    });
    revalidatePath('/settings');
  },
);
