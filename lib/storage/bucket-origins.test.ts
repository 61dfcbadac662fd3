import { describe, expect, it } from 'vitest';
import { bucketOrigins } from './bucket-origins';

describe('bucketOrigins', () => {
  it('is empty without a bucket (uploads go to our own origin)', () => {
    expect(bucketOrigins({})).toEqual([]);
  });

  it('uses the endpoint itself for path-style stores (MinIO, R2, s3rver)', () => {
    expect(bucketOrigins({ S3_BUCKET: 'media', S3_ENDPOINT: 'https://r2.example.com/' })).toEqual([
      'https://r2.example.com',
    ]);
  });

  it('uses the bucket host for virtual-hosted stores', () => {
    expect(
      bucketOrigins({
        S3_BUCKET: 'media',
        S3_ENDPOINT: 'https://s3.example.com',
        S3_FORCE_PATH_STYLE: 'false',
      }),
    ).toEqual(['https://media.s3.example.com']);
    expect(bucketOrigins({ S3_BUCKET: 'media', S3_REGION: 'eu-west-1' })).toEqual([
      'https://media.s3.eu-west-1.amazonaws.com',
      'https://media.s3.amazonaws.com',
    ]);
  });
});
