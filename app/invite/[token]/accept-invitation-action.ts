'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { rememberWorkspace } from '@/lib/auth/current-workspace';
import { env } from '@/lib/env';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';

const schema = z.object({ token: z.string().min(1).max(200) });

export const acceptInvitationAction = withAction(
  { access: 'user', schema },
  async ({ db, input, user, ip }) => {
    const { workspaceId } = await acceptInvitation(db, { token: input.token, userId: user.id, ip });
    await rememberWorkspace(workspaceId, env.APP_URL.startsWith('https:'));
    redirect('/accounts');
  },
);
