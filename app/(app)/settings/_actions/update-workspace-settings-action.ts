'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { timeZoneSchema } from '@/lib/time/time-zones';
import { updateWorkspaceSettings } from '@/lib/workspaces/update-workspace-settings';
import { slugSchema } from '@/lib/workspaces/workspace-slug';

const schema = z.object({
  timeZone: timeZoneSchema.optional(),
  // Admins see the slug read-only: the disabled field is not submitted.
  slug: slugSchema.optional(),
});

export const updateWorkspaceSettingsAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    const saved = await updateWorkspaceSettings(db, {
      workspaceId: workspace.id,
      userId: user.id,
      ...input,
      ip,
    });
    revalidatePath('/settings');
    return saved;
  },
);
