import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { deleteMedia } from '@/lib/media/delete-media';
import { serveMedia } from '@/lib/media/serve-media';
import { getStorage } from '@/lib/storage/get-storage';

const query = z.object({ download: z.enum(['1']).optional() });

// Members of the owning workspace only; every other id (foreign, unknown, unfinished) is a 404.
const serve = withRoute({ access: 'user', query }, async ({ db, params, query, request, user }) =>
  serveMedia(db, getStorage(), {
    mediaId: String(params.mediaId),
    userId: user.id,
    request,
    download: query.download === '1',
  }),
);

// GET /api/media/:mediaId – the stored file (Range-aware); ?download=1 as an attachment.
export const GET = serve;
// HEAD /api/media/:mediaId – its headers only.
export const HEAD = serve;

// DELETE /api/media/:mediaId – remove the file (owners and admins; agents their own).
export const DELETE = withRoute(
  { access: 'user', rateLimit: { policy: 'api', by: 'user' } },
  async ({ db, params, user }) => {
    await deleteMedia(db, getStorage(), { mediaId: String(params.mediaId), userId: user.id });
    return { ok: true };
  },
);
