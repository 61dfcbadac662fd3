import { withRoute } from '@/lib/http/with-route';
import { presignUploadParts } from '@/lib/media/presign-upload-parts';
import { getStorage } from '@/lib/storage/get-storage';
import { partUrlsBody } from '@/lib/uploads/upload-protocol';

// POST /api/uploads/:uploadId/part-urls – where to PUT the given parts (bucket or our part route).
export const POST = withRoute(
  {
    access: 'user',
    body: partUrlsBody,
    maxBodyBytes: 8 * 1024,
    rateLimit: { policy: 'uploads', by: 'user' },
  },
  async ({ db, params, body, user }) => ({
    parts: await presignUploadParts(db, getStorage(), {
      uploadId: String(params.uploadId),
      userId: user.id,
      partNumbers: body.partNumbers,
    }),
  }),
);
