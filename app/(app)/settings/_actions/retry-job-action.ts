'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { retryJob } from '@/lib/jobs/retry-job';

const schema = z.object({ jobId: z.string().min(1).max(100) });

export const retryJobAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    await retryJob(db, { workspaceId: workspace.id, userId: user.id, jobId: input.jobId, ip });
    revalidatePath('/settings/webhooks');
  },
);
