import 'server-only';
import type { Db } from '@/lib/db/types';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import type { UploadSession } from '@/lib/uploads/upload-protocol';
import { getUploadOrThrow, toUploadSession } from './get-upload-or-throw';

/** The upload with the parts already stored: what a browser resuming after a reload asks first. */
export async function getUpload(
  db: Db,
  storage: ObjectStorage,
  options: { uploadId: string; userId: string },
): Promise<UploadSession> {
  return toUploadSession(await getUploadOrThrow(db, options), storage);
}
