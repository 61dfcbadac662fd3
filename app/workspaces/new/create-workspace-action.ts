'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { rememberWorkspace } from '@/lib/auth/current-workspace';
import { env } from '@/lib/env';
import { timeZoneSchema } from '@/lib/time/time-zones';
import { createWorkspace } from '@/lib/workspaces/create-workspace';

const schema = z.object({
  name: z.string().trim().min(1, { error: 'Name the workspace.' }).max(100),
  timeZone: timeZoneSchema.optional(),
});

export const createWorkspaceAction = withAction(
  { access: 'user', schema, rateLimit: { policy: 'workspaces' } },
  async ({ db, input, user, ip }) => {
    const workspace = await db.transaction((tx) =>
      createWorkspace(tx, { userId: user.id, name: input.name, timeZone: input.timeZone, ip }),
    );
    await rememberWorkspace(workspace.id, env.APP_URL.startsWith('https:'));
    redirect('/accounts');
  },
);
