'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { leaveWorkspace } from '@/lib/workspaces/leave-workspace';

export const leaveWorkspaceAction = withAction(
  { access: 'workspace', schema: z.object({}) },
  async ({ db, user, workspace, ip }) => {
    await leaveWorkspace(db, { workspaceId: workspace.id, userId: user.id, ip });
    redirect('/accounts');
  },
);
