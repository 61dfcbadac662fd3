'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { startReportRun } from '@/lib/reports/start-report-run';

export const runReportsNowAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema: z.object({}).loose() },
  async ({ db, user, workspace }) => {
    const { run, accounts } = await startReportRun(db, {
      workspaceId: workspace.id,
      trigger: 'manual',
      userId: user.id,
      startNow: true,
    });
    revalidatePath('/reports');
    return { runId: run.id, accounts };
  },
);
