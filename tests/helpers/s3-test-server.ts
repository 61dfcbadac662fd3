import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { S3StorageOptions } from '@/lib/storage/s3-storage';

export type S3TestServer = {
  /** Ready for `createS3Storage`. */
  options: S3StorageOptions & {
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  close: () => Promise<void>;
};

/**
 * A real S3-compatible server (s3rver, from npm) on a free loopback port with one bucket, its
 * files in a temp folder removed on close. It checks SigV4 signatures, presigned ones included.
 */
export async function startS3TestServer(bucket = 'tokdesk-test'): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'tokdesk-s3rver-'));
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 's3rver-process.mjs'), directory, bucket],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`s3rver exited with code ${code} before listening`)));
  });
  return {
    options: {
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      // s3rver's built-in account.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
