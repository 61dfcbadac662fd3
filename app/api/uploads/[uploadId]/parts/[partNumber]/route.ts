import { withRoute } from '@/lib/http/with-route';
import { uploadPart } from '@/lib/media/upload-part';
import { getStorage } from '@/lib/storage/get-storage';
import { MAX_PART_SIZE, partRouteParams } from '@/lib/uploads/upload-protocol';

// PUT /api/uploads/:uploadId/parts/:partNumber – a part's raw bytes, streamed to the local folder.
export const PUT = withRoute(
  {
    access: 'user',
    rawBody: { contentTypes: ['application/octet-stream'], maxBytes: MAX_PART_SIZE },
    rateLimit: { policy: 'uploads', by: 'user' },
  },
  async ({ db, params, rawBody, request, user }) => {
    const { uploadId, partNumber } = partRouteParams.parse(params);
    const declared = request.headers.get('content-length');
    const part = await uploadPart(db, getStorage(), {
      uploadId,
      userId: user.id,
      partNumber,
      body: rawBody!,
      declaredLength: declared === null ? null : Number(declared),
      signal: request.signal,
    });
    return Response.json({ part }, { headers: { etag: `"${part.etag}"`, 'cache-control': 'no-store' } });
  },
);
