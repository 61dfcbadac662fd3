import { withRoute } from '@/lib/http/with-route';
import { completeUpload } from '@/lib/media/complete-upload';
import { getStorage } from '@/lib/storage/get-storage';

// POST /api/uploads/:uploadId/complete – assemble and verify; returns the media (idempotent).
export const POST = withRoute(
  { access: 'user', rateLimit: { policy: 'uploads', by: 'user' } },
  async ({ db, params, user }) => ({
    media: await completeUpload(db, getStorage(), { uploadId: String(params.uploadId), userId: user.id }),
  }),
);
