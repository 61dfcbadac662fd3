'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withAction } from '@/lib/actions/with-action';
import { startConnection } from '@/lib/connect/start-connection';

const schema = z.object({ kind: z.enum(['creator', 'business', 'ads']) });

export const startConnectionAction = withAction(
  { access: 'workspace', roles: ['owner', 'admin'], schema, rateLimit: { policy: 'connections' } },
  async ({ db, input, user, workspace }) => {
    const { url } = await startConnection(db, {
      workspaceId: workspace.id,
      userId: user.id,
      kind: input.kind,
    });
    redirect(url);
  },
);
