import 'server-only';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { MediaObject } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { storeMedia } from '@/lib/media/store-media';
import type { ObjectStorage } from '@/lib/storage/object-storage';

/** Visually lossless for photos, and well under TikTok's 20 MB for any PNG that was under it. */
const JPEG_QUALITY = 90;

/**
 * TikTok's photo posts take JPEG or WebP only, so a PNG becomes a JPEG (with sharp, streamed from
 * storage into storage) stored as a new media object of the workspace; the post then names the
 * JPEG. Transparent areas are flattened onto white, as phones do when exporting a PNG to JPEG.
 * Returns the post's media ids in the same order, with each PNG replaced by its JPEG.
 */
export async function convertPngPhotos(
  db: Db,
  storage: ObjectStorage,
  options: { workspaceId: string; userId: string; mediaIds: string[]; media: MediaObject[] },
): Promise<string[]> {
  const byId = new Map(options.media.map((m) => [m.id, m]));
  const converted: string[] = [];
  for (const [index, id] of options.mediaIds.entries()) {
    const media = byId.get(id);
    if (media?.contentType !== 'image/png') {
      converted.push(id);
      continue;
    }
    const source = await storage.get(media.key);
    const toJpeg = sharp({ failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY, mozjpeg: true });
    // Errors on the reading side surface through the pipeline; the writing side through storeMedia.
    const reading = pipeline(source.body, toJpeg).catch(() => toJpeg.destroy());
    try {
      const jpeg = await storeMedia(db, storage, {
        workspaceId: options.workspaceId,
        purpose: 'photo',
        fileName: `${media.fileName.replace(/\.[^.]+$/, '')}.jpg`,
        contentType: 'image/jpeg',
        body: toJpeg,
        createdBy: options.userId,
      });
      await reading;
      converted.push(jpeg.id);
    } catch (error) {
      source.body.destroy();
      if (error instanceof AppError) throw error;
      throw new AppError({
        code: 'unprocessable_entity',
        message: `Photo ${index + 1} (${media.fileName}) is not a PNG that can be read. Export it again as JPEG.`,
        cause: error,
      });
    }
  }
  return converted;
}
