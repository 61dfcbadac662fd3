import { withRoute } from '@/lib/http/with-route';
import { abortUpload } from '@/lib/media/abort-upload';
import { getUpload } from '@/lib/media/get-upload';
import { getStorage } from '@/lib/storage/get-storage';

// Uploads are scoped to the member who started them (checked in the use cases), whatever
// workspace the browser has switched to since.

// GET /api/uploads/:uploadId – the upload and the parts already stored (to resume).
export const GET = withRoute(
  { access: 'user', rateLimit: { policy: 'uploads', by: 'user' } },
  async ({ db, params, user }) => ({
    upload: await getUpload(db, getStorage(), { uploadId: String(params.uploadId), userId: user.id }),
  }),
);

// DELETE /api/uploads/:uploadId – cancel: parts and bytes are removed.
export const DELETE = withRoute(
  { access: 'user', rateLimit: { policy: 'uploads', by: 'user' } },
  async ({ db, params, user }) => {
    await abortUpload(db, getStorage(), { uploadId: String(params.uploadId), userId: user.id });
    return { ok: true };
  },
);
