import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { getRedis } from '@/lib/kv/redis';
import { getComposerCreator } from '@/lib/publishing/get-composer-creator';

// GET /api/publishing/creator-info?accountId= – fresh creator_info each time the composer shows an account.
export const GET = withRoute(
  {
    access: 'workspace',
    roles: ['owner', 'admin'],
    query: z.object({ accountId: z.string().min(1).max(64) }),
  },
  async ({ db, query, user, workspace }) =>
    Response.json(
      {
        creator: await getComposerCreator(db, {
          workspaceId: workspace.id,
          userId: user.id,
          accountId: query.accountId,
          redis: getRedis(),
        }),
      },
      { headers: { 'cache-control': 'no-store' } },
    ),
);
