'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { env } from '@/lib/env';
import { createInvitation } from '@/lib/invitations/create-invitation';

const schema = z.object({
  email: z.email({ error: 'Enter a valid e-mail address.' }).max(320),
  role: z.enum(['admin', 'agent'], { error: 'Choose admin or agent.' }),
});

export const inviteMemberAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema, rateLimit: { policy: 'invitations' } },
  async ({ db, input, user, workspace, ip }) => {
    const invitation = await createInvitation(db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      email: input.email,
      role: input.role,
      appUrl: env.APP_URL,
      ip,
    });
    revalidatePath('/settings');
    return {
      email: invitation.email,
      role: invitation.role,
      link: invitation.link,
      emailed: invitation.emailed,
    };
  },
);
