import { withRoute } from '@/lib/http/with-route';
import { recordUploadPart } from '@/lib/media/record-upload-part';
import { getStorage } from '@/lib/storage/get-storage';
import { recordPartBody } from '@/lib/uploads/upload-protocol';

// POST /api/uploads/:uploadId/parts – record a part the bucket acknowledged (its ETag).
export const POST = withRoute(
  {
    access: 'user',
    body: recordPartBody,
    maxBodyBytes: 4 * 1024,
    rateLimit: { policy: 'uploads', by: 'user' },
  },
  async ({ db, params, body, user }) => ({
    part: await recordUploadPart(db, getStorage(), {
      uploadId: String(params.uploadId),
      userId: user.id,
      ...body,
    }),
  }),
);
