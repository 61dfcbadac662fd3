import { z } from 'zod';
import { withRoute } from '@/lib/http/with-route';
import { serveSignedMedia } from '@/lib/media/serve-signed-media';
import { getStorage } from '@/lib/storage/get-storage';

const query = z.object({
  expires: z.coerce.number().int().positive(),
  disposition: z.enum(['inline', 'attachment']),
  signature: z.string().min(1).max(100),
});

// No session: the HMAC signature is the credential (TikTok's PULL_FROM_URL, downloads).
const serve = withRoute({ access: 'public', query }, async ({ db, params, query, request }) =>
  serveSignedMedia(db, getStorage(), { mediaId: String(params.mediaId), ...query, request }),
);

// GET /api/media/:mediaId/signed?expires&disposition&signature – the file, streamed (never redirected).
export const GET = serve;
// HEAD /api/media/:mediaId/signed – its headers only.
export const HEAD = serve;
