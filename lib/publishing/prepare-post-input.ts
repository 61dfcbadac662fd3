import 'server-only';
import { requireMembership } from '@/lib/access/require-membership';
import type { Db } from '@/lib/db/types';
import { getStorage } from '@/lib/storage/get-storage';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { checkPostInput } from './check-post-input';
import { convertPngPhotos } from './convert-png-photos';
import type { PostInput } from './post-input';

/** What creating and editing a post are given. */
export type PostWriteOptions = {
  workspaceId: string;
  userId: string;
  input: PostInput;
  now?: Date;
  /** Where PNG photos are read from and their JPEGs written (the app's storage by default). */
  storage?: ObjectStorage;
};

/**
 * What creating and editing a post share before they write: the caller may publish here, every rule
 * the composer showed holds, and PNG photos are replaced by their JPEG copies (TikTok takes JPEG or
 * WebP). Runs outside the write transaction, since conversion reads and writes storage.
 */
export async function preparePostInput(db: Db, options: PostWriteOptions & { now: Date }) {
  const { workspaceId, userId, now } = options;
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const checked = await checkPostInput(db, { workspaceId, input: options.input, now });
  const { scheduledAt, media } = checked;
  const mediaIds = media.some((m) => m.contentType === 'image/png')
    ? await convertPngPhotos(db, options.storage ?? getStorage(), {
        workspaceId,
        userId,
        mediaIds: checked.input.mediaIds,
        media,
      })
    : checked.input.mediaIds;
  return { input: { ...checked.input, mediaIds }, scheduledAt };
}
