import 'server-only';
import { type Env, env } from '@/lib/env';
import { createLocalStorage } from './local-storage';
import type { ObjectStorage } from './object-storage';
import { createS3Storage } from './s3-storage';

type StorageEnv = Pick<
  Env,
  | 'S3_BUCKET'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'STORAGE_DIR'
>;

/** S3 when `S3_BUCKET` is set, otherwise the local folder `STORAGE_DIR` (default `.data/storage`). */
export function createStorageFromEnv(config: StorageEnv): ObjectStorage {
  if (!config.S3_BUCKET) return createLocalStorage({ root: config.STORAGE_DIR });
  return createS3Storage({
    bucket: config.S3_BUCKET,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    // Custom endpoints (MinIO, R2, s3rver…) rarely have per-bucket DNS names; AWS prefers virtual hosts.
    forcePathStyle: config.S3_FORCE_PATH_STYLE
      ? config.S3_FORCE_PATH_STYLE === 'true'
      : Boolean(config.S3_ENDPOINT),
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}

const globalForStorage = globalThis as unknown as { tokdeskStorage?: ObjectStorage };

/** The app's storage, created once per process from the validated environment. */
export function getStorage(): ObjectStorage {
  globalForStorage.tokdeskStorage ??= createStorageFromEnv(env);
  return globalForStorage.tokdeskStorage;
}
