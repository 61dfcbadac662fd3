'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireMembership } from '@/lib/access/require-membership';
import { withAction } from '@/lib/actions/with-action';
import { rememberWorkspace } from '@/lib/auth/current-workspace';
import { env } from '@/lib/env';

const schema = z.object({ workspaceId: z.string().min(1).max(100) });

export const switchWorkspaceAction = withAction({ access: 'user', schema }, async ({ db, input, user }) => {
  const membership = await requireMembership(db, { workspaceId: input.workspaceId, userId: user.id });
  await rememberWorkspace(membership.workspaceId, env.APP_URL.startsWith('https:'));
  redirect('/accounts');
});
