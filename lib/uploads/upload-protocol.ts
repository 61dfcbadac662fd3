import { z } from 'zod';
import { BROWSER_UPLOAD_PURPOSES, type MediaPurpose } from './media-purposes';

/**
 * The browser upload protocol, shared by the route handlers (request parsing) and the browser
 * client (request building). Client-safe. The shape is the same whatever the storage:
 *
 *   POST   /api/uploads                       create → UploadSession
 *   GET    /api/uploads/:id                   the session, with the parts already stored (resume)
 *   POST   /api/uploads/:id/part-urls         where to PUT parts: presigned bucket URLs on S3, our
 *                                             streaming route for the local folder
 *   PUT    <part url>                         the part's bytes → ETag header
 *   POST   /api/uploads/:id/parts             record a part the bucket acknowledged
 *   POST   /api/uploads/:id/complete          assemble and verify → UploadedMedia
 *   DELETE /api/uploads/:id                   cancel: nothing is kept
 */
export const UPLOAD_ROUTES = {
  create: '/api/uploads',
  session: (id: string) => `/api/uploads/${encodeURIComponent(id)}`,
  partUrls: (id: string) => `/api/uploads/${encodeURIComponent(id)}/part-urls`,
  parts: (id: string) => `/api/uploads/${encodeURIComponent(id)}/parts`,
  part: (id: string, partNumber: number) => `/api/uploads/${encodeURIComponent(id)}/parts/${partNumber}`,
  complete: (id: string) => `/api/uploads/${encodeURIComponent(id)}/complete`,
  media: (id: string) => `/api/media/${encodeURIComponent(id)}`,
} as const;

/** Part URLs asked for in one request, at most. */
export const MAX_PART_URLS_PER_REQUEST = 50;
/** The largest part the server ever plans (and the local part route's body limit). */
export const MAX_PART_SIZE = 64 * 1024 * 1024;

const partNumber = z.number().int().min(1).max(10_000);

export const createUploadBody = z.object({
  purpose: z.enum(BROWSER_UPLOAD_PURPOSES, {
    error: `purpose must be one of ${BROWSER_UPLOAD_PURPOSES.join(', ')}.`,
  }),
  fileName: z.string().trim().min(1, { error: 'The file needs a name.' }).max(255),
  contentType: z.string().trim().toLowerCase().min(1).max(127),
  size: z.number().int().min(1, { error: 'This file is empty.' }).max(Number.MAX_SAFE_INTEGER),
});
export type CreateUploadBody = z.infer<typeof createUploadBody>;

export const partUrlsBody = z.object({
  partNumbers: z.array(partNumber).min(1).max(MAX_PART_URLS_PER_REQUEST),
});

export const recordPartBody = z.object({
  partNumber,
  // S3 ETags are hex MD5s; other stores use other tokens. Quotes are stripped by the client.
  etag: z.string().regex(/^[A-Za-z0-9._:+/=-]{1,200}$/, { error: 'etag is not a valid entity tag.' }),
});

export const partRouteParams = z.object({
  uploadId: z.string().min(1).max(64),
  partNumber: z.coerce.number().pipe(partNumber),
});

export type UploadSession = {
  /** The upload id, which is also the media object's id. */
  id: string;
  status: 'uploading' | 'ready' | 'failed';
  purpose: MediaPurpose;
  fileName: string;
  contentType: string;
  size: number;
  partSize: number;
  partCount: number;
  /** Parts already stored: a resumed upload sends only the others. */
  parts: { partNumber: number; etag: string }[];
  /** `bucket`: parts go straight to S3 and are recorded after; `app`: our route stores and records them. */
  transport: 'bucket' | 'app';
  expiresAt: string;
};

export type PartTarget = {
  partNumber: number;
  method: 'PUT';
  /** Absolute (bucket) or relative to the app (local folder). */
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
};

export type UploadedMedia = {
  id: string;
  purpose: MediaPurpose;
  fileName: string;
  contentType: string;
  size: number;
  status: 'ready';
  /** Our media route: serves it to signed-in members of the workspace. */
  url: string;
  createdAt: string;
};
