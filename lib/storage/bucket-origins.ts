/**
 * The origins browsers PUT presigned upload parts to, for the page policy's `connect-src`. Pure and
 * SDK-free so proxy.ts can use it; mirrors how createStorageFromEnv addresses the bucket.
 */
export function bucketOrigins(config: {
  S3_BUCKET?: string;
  S3_ENDPOINT?: string;
  S3_REGION?: string;
  S3_FORCE_PATH_STYLE?: string;
}): string[] {
  const bucket = config.S3_BUCKET;
  if (!bucket) return [];
  if (config.S3_ENDPOINT) {
    const endpoint = new URL(config.S3_ENDPOINT);
    const pathStyle = config.S3_FORCE_PATH_STYLE ? config.S3_FORCE_PATH_STYLE === 'true' : true;
    return pathStyle ? [endpoint.origin] : [`${endpoint.protocol}//${bucket}.${endpoint.host}`];
  }
  const region = config.S3_REGION ?? 'us-east-1';
  return [`https://${bucket}.s3.${region}.amazonaws.com`, `https://${bucket}.s3.amazonaws.com`];
}
