'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { refreshTiktokProfile } from '@/lib/accounts/refresh-tiktok-profile';
import { withAction } from '@/lib/actions/with-action';

const schema = z.object({ accountId: z.string().min(1).max(100) });

export const refreshProfileAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema, rateLimit: { policy: 'profileRefresh' } },
  async ({ db, input, user, workspace }) => {
    await refreshTiktokProfile(db, {
      workspaceId: workspace.id,
      userId: user.id,
      accountId: input.accountId,
    });
    revalidatePath('/accounts');
  },
);
