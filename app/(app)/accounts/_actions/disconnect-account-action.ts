'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { disconnectTiktokAccount } from '@/lib/accounts/disconnect-tiktok-account';
import { withAction } from '@/lib/actions/with-action';

const schema = z.object({ accountId: z.string().min(1).max(100) });

export const disconnectAccountAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    const result = await disconnectTiktokAccount(db, {
      workspaceId: workspace.id,
      userId: user.id,
      accountId: input.accountId,
      ip,
    });
    revalidatePath('/accounts');
    return result;
  },
);
