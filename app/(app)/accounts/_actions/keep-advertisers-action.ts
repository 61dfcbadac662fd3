'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { keepAdvertisers } from '@/lib/connect/keep-advertisers';

// Checkbox groups arrive as repeated form fields; withAction hands over the last one, so the
// client joins the ticked ids into one field.
const schema = z.object({
  attemptId: z.string().min(1).max(100),
  advertiserIds: z
    .string()
    .max(20_000)
    .transform((value) => value.split(',').filter(Boolean)),
});

export const keepAdvertisersAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema },
  async ({ db, input, user, workspace, ip }) => {
    const { accountIds } = await keepAdvertisers(db, {
      attemptId: input.attemptId,
      workspaceId: workspace.id,
      userId: user.id,
      advertiserIds: input.advertiserIds,
      ip,
    });
    redirect(`/accounts?connected=ads&count=${accountIds.length}`);
  },
);
