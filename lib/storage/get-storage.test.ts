import { describe, expect, it } from 'vitest';
import { loadEnv } from '@/lib/env';
import { createStorageFromEnv } from './get-storage';

describe('createStorageFromEnv', () => {
  it('uses the local folder when no bucket is configured', () => {
    const storage = createStorageFromEnv(loadEnv({}));
    expect(storage).toMatchObject({ kind: 'local', presignsUploads: false });
  });

  it('uses the bucket, path-style by default with a custom endpoint, virtual-hosted for AWS', async () => {
    const custom = createStorageFromEnv(
      loadEnv({
        S3_BUCKET: 'media',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      }),
    );
    expect(custom).toMatchObject({ kind: 's3', presignsUploads: true });
    const options = { contentType: 'image/png', contentLength: 1, expiresInSeconds: 60 };
    expect((await custom.presignPut('a.png', options)).url).toMatch(
      /^http:\/\/127\.0\.0\.1:9000\/media\/a\.png\?/,
    );

    const aws = createStorageFromEnv(
      loadEnv({
        S3_BUCKET: 'media',
        S3_REGION: 'eu-west-1',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      }),
    );
    expect((await aws.presignPut('a.png', options)).url).toMatch(
      /^https:\/\/media\.s3\.eu-west-1\.amazonaws\.com\/a\.png\?/,
    );

    const forced = createStorageFromEnv(
      loadEnv({
        S3_BUCKET: 'media',
        S3_ENDPOINT: 'https://s3.example.com',
        S3_FORCE_PATH_STYLE: 'false',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      }),
    );
    expect((await forced.presignPut('a.png', options)).url).toMatch(
      /^https:\/\/media\.s3\.example\.com\/a\.png\?/,
    );
  });

  it('refuses an unknown path-style switch', () => {
    expect(() => loadEnv({ S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
});
