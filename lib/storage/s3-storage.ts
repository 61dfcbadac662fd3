import 'server-only';
import { pipeline, Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertPartNumber, checkedPartOrder } from './multipart-parts';
import { assertObjectKey, assertObjectPrefix } from './object-key';
import {
  type ByteRange,
  type CompleteMultipartUploadInput,
  type GetObjectResult,
  MultipartUploadError,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStorage,
  type ObjectSummary,
  type PresignedRequest,
  type PutObjectOptions,
  type PutObjectResult,
  RangeNotSatisfiableError,
  type StorageBody,
  type UploadPartInput,
} from './object-storage';
import { MeasuringStream, toNodeReadable } from './storage-body';

export type S3StorageOptions = {
  bucket: string;
  /** Unset = AWS S3 in `region`; set for R2, MinIO, B2, Spaces, s3rver… */
  endpoint?: string;
  region?: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`. */
  forcePathStyle?: boolean;
  /** Unset = the SDK's default chain (instance role, AWS_* variables). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

// lib-storage buffers `queueSize + 1` parts of this size: the memory a streamed put may hold.
// S3's minimum part size; a streamed put can then be up to 10,000 × 5 MiB ≈ 48 GiB.
const PUT_PART_SIZE = 5 * 1024 * 1024;
const PUT_QUEUE_SIZE = 2;

/** The bucket adapter: every operation of `ObjectStorage` as S3 calls, bodies streamed both ways. */
export function createS3Storage(options: S3StorageOptions): ObjectStorage {
  return new S3Storage(options);
}

class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  readonly presignsUploads = true;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      // The SDK's default CRC32 checksums put headers into presigned URLs that browsers cannot
      // send, and several S3-compatible stores reject them: only send checksums S3 requires.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: StorageBody, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    assertObjectKey(key);
    const measure = new MeasuringStream({ maxBytes: options.maxBytes });
    const source = toNodeReadable(body);
    pipeline(source, measure, (error) => {
      if (error) measure.destroy(error);
    });
    const abortController = new AbortController();
    const onAbort = () => abortController.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // A failed multipart put is aborted by lib-storage (leavePartsOnError is off): nothing stays.
      const output = await new Upload({
        client: this.client,
        params: {
          Bucket: this.bucket,
          Key: key,
          Body: measure,
          ContentType: options.contentType ?? 'application/octet-stream',
          Metadata: options.metadata,
        },
        partSize: PUT_PART_SIZE,
        queueSize: PUT_QUEUE_SIZE,
        abortController,
      }).done();
      return {
        key,
        size: measure.bytes,
        contentType: options.contentType ?? 'application/octet-stream',
        etag: unquote(output.ETag ?? ''),
        sha256: measure.sha256,
        lastModified: new Date(),
        metadata: options.metadata ?? {},
      };
    } catch (error) {
      source.destroy();
      // A size refusal reads better than the SDK's wrapping of it.
      if (measure.errored) throw measure.errored;
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async get(
    key: string,
    options: { range?: ByteRange; signal?: AbortSignal } = {},
  ): Promise<GetObjectResult> {
    assertObjectKey(key);
    const { range } = options;
    if (range && range.start > range.end)
      throw new RangeNotSatisfiableError((await this.head(key))?.size ?? 0);
    try {
      const output = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
        { abortSignal: options.signal },
      );
      const served = parseContentRange(output.ContentRange);
      const contentLength = output.ContentLength ?? 0;
      return {
        key,
        size: served?.size ?? contentLength,
        contentType: output.ContentType ?? 'application/octet-stream',
        etag: unquote(output.ETag ?? ''),
        lastModified: output.LastModified ?? new Date(0),
        metadata: output.Metadata ?? {},
        body: (output.Body as Readable | undefined) ?? Readable.from([]),
        range: range && served ? { start: served.start, end: served.end } : null,
        contentLength,
      };
    } catch (error) {
      if (isS3Error(error, ['NoSuchKey', 'NotFound'], [404])) throw new ObjectNotFoundError(key);
      if (isS3Error(error, ['InvalidRange'], [416])) {
        throw new RangeNotSatisfiableError((await this.head(key))?.size ?? 0);
      }
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    try {
      const output = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: output.ContentLength ?? 0,
        contentType: output.ContentType ?? 'application/octet-stream',
        etag: unquote(output.ETag ?? ''),
        lastModified: output.LastModified ?? new Date(0),
        metadata: output.Metadata ?? {},
      };
    } catch (error) {
      if (isS3Error(error, ['NoSuchKey', 'NotFound'], [404])) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    assertObjectPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          key: object.Key,
          size: object.Size ?? 0,
          etag: unquote(object.ETag ?? ''),
          lastModified: object.LastModified ?? new Date(0),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async createMultipartUpload(
    key: string,
    options: Pick<PutObjectOptions, 'contentType' | 'metadata'> = {},
  ): Promise<string> {
    assertObjectKey(key);
    const output = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: options.contentType ?? 'application/octet-stream',
        Metadata: options.metadata,
      }),
    );
    if (!output.UploadId) throw new Error('The bucket did not return an upload id.');
    return output.UploadId;
  }

  async uploadPart({ key, uploadId, partNumber, body, contentLength, signal }: UploadPartInput) {
    assertObjectKey(key);
    assertPartNumber(partNumber);
    const measure = new MeasuringStream({ exactBytes: contentLength });
    const source = toNodeReadable(body);
    // A body that fails or runs short must end the request too: the SDK would wait for the
    // missing bytes forever.
    const refused = new AbortController();
    pipeline(source, measure, (error) => {
      if (error) {
        measure.destroy(error);
        refused.abort(error);
      }
    });
    measure.once('error', (error) => refused.abort(error));
    try {
      const output = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          ContentLength: contentLength,
          Body: measure,
        }),
        { abortSignal: signal ? AbortSignal.any([signal, refused.signal]) : refused.signal },
      );
      return { etag: unquote(output.ETag ?? '') };
    } catch (error) {
      source.destroy();
      if (measure.errored) throw measure.errored;
      throw mapMultipartError(error);
    }
  }

  async presignUploadPart(input: {
    key: string;
    uploadId: string;
    partNumber: number;
    contentLength: number;
    expiresInSeconds: number;
  }): Promise<PresignedRequest> {
    assertObjectKey(input.key);
    assertPartNumber(input.partNumber);
    // Content-Length is signed: the bucket refuses a part of any other size.
    const url = await getSignedUrl(
      this.client,
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: input.key,
        UploadId: input.uploadId,
        PartNumber: input.partNumber,
        ContentLength: input.contentLength,
      }),
      { expiresIn: input.expiresInSeconds },
    );
    return { method: 'PUT', url, headers: {}, expiresAt: expiry(input.expiresInSeconds) };
  }

  async presignPut(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedRequest> {
    assertObjectKey(key);
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: options.contentType,
        ContentLength: options.contentLength,
      }),
      { expiresIn: options.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    return {
      method: 'PUT',
      url,
      headers: { 'content-type': options.contentType },
      expiresAt: expiry(options.expiresInSeconds),
    };
  }

  async completeMultipartUpload({ key, uploadId, parts }: CompleteMultipartUploadInput) {
    assertObjectKey(key);
    try {
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: checkedPartOrder(parts).map((part) => ({
              PartNumber: part.partNumber,
              ETag: `"${part.etag}"`,
            })),
          },
        }),
      );
    } catch (error) {
      throw mapMultipartError(error);
    }
    const info = await this.head(key);
    if (!info) throw new ObjectNotFoundError(key);
    return info;
  }

  async abortMultipartUpload({ key, uploadId }: { key: string; uploadId: string }): Promise<void> {
    assertObjectKey(key);
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      );
    } catch (error) {
      // Gone already, or a store without abort (s3rver): the bucket's lifecycle rule removes parts.
      if (isS3Error(error, ['NoSuchUpload', 'NotImplemented', 'MethodNotAllowed'], [404, 405, 501])) return;
      throw error;
    }
  }
}

function unquote(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

function expiry(seconds: number): Date {
  return new Date(Date.now() + seconds * 1000);
}

function parseContentRange(header: string | undefined) {
  const match = header ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header) : null;
  return match ? { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) } : null;
}

function isS3Error(error: unknown, names: string[], statuses: number[] = []): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return names.includes(error.name) || (status !== undefined && statuses.includes(status));
}

function mapMultipartError(error: unknown): unknown {
  if (isS3Error(error, ['NoSuchUpload'], [404])) {
    return new MultipartUploadError('This upload does not exist or has finished.', 'no_such_upload');
  }
  if (isS3Error(error, ['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall'])) {
    return new MultipartUploadError('A part was not uploaded, or with other content.', 'invalid_part');
  }
  return error;
}
