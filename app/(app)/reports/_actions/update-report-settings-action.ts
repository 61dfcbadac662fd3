'use server';

import { revalidatePath } from 'next/cache';
import { withAction } from '@/lib/actions/with-action';
import { reportSettingsInput, updateReportSettings } from '@/lib/reports/update-report-settings';

export const updateReportSettingsAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema: reportSettingsInput },
  async ({ db, input, user, workspace, ip }) => {
    await updateReportSettings(db, { workspaceId: workspace.id, userId: user.id, input, ip });
    revalidatePath('/reports');
  },
);
