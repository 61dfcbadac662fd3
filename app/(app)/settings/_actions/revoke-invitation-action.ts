'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { revokeInvitation } from '@/lib/invitations/revoke-invitation';

const schema = z.object({ invitationId: z.string().min(1).max(100) });

export const revokeInvitationAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    await revokeInvitation(db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      invitationId: input.invitationId,
      ip,
    });
    revalidatePath('/settings');
  },
);
