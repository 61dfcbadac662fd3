import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalStorage } from '@/lib/storage/local-storage';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { createS3Storage } from '@/lib/storage/s3-storage';
import { startS3TestServer } from './s3-test-server';

export type TestStorageKind = 'local' | 's3';

/** Storage suites run against both adapters: a temp folder, and s3rver started by the test. */
export const TEST_STORAGE_KINDS: TestStorageKind[] = ['local', 's3'];

export type TestStorage = {
  storage: ObjectStorage;
  /** The local adapter's folder (null for S3), to look for leftovers. */
  root: string | null;
  close: () => Promise<void>;
};

export async function createTestStorage(kind: TestStorageKind): Promise<TestStorage> {
  if (kind === 'local') {
    const root = await mkdtemp(path.join(tmpdir(), 'tokdesk-storage-'));
    return {
      storage: createLocalStorage({ root }),
      root,
      close: () => rm(root, { recursive: true, force: true }),
    };
  }
  const server = await startS3TestServer();
  return { storage: createS3Storage(server.options), root: null, close: server.close };
}
