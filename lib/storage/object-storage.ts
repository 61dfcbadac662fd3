import type { Readable } from 'node:stream';

/** What a write accepts: a Node stream, a web stream, or bytes already in memory. */
export type StorageBody = Readable | ReadableStream<Uint8Array> | Uint8Array | string;

/** An inclusive byte range, as HTTP's `Range: bytes=start-end` means it. */
export type ByteRange = { start: number; end: number };

export type ObjectInfo = {
  key: string;
  size: number;
  contentType: string;
  /** The store's entity tag, without quotes: it changes whenever the bytes do. */
  etag: string;
  lastModified: Date;
  /** Custom metadata: lower-case keys, ASCII values (S3's rules, applied to both adapters). */
  metadata: Record<string, string>;
};

export type ObjectSummary = Pick<ObjectInfo, 'key' | 'size' | 'etag' | 'lastModified'>;

export type GetObjectResult = ObjectInfo & {
  /** The bytes asked for; destroy it to stop early (the file or HTTP stream is released). */
  body: Readable;
  /** The range served, or null for the whole object. */
  range: ByteRange | null;
  /** Bytes in `body`. */
  contentLength: number;
};

export type PutObjectOptions = {
  contentType?: string;
  metadata?: Record<string, string>;
  /** Refuse the body once it passes this many bytes; nothing is stored then. */
  maxBytes?: number;
  signal?: AbortSignal;
};

export type PutObjectResult = ObjectInfo & { sha256: string };

export type MultipartPart = { partNumber: number; etag: string };

export type CompleteMultipartUploadInput = { key: string; uploadId: string; parts: MultipartPart[] };

/** A request a browser makes without our server in between: method, URL and the headers to send. */
export type PresignedRequest = {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: Date;
};

export type UploadPartInput = {
  key: string;
  uploadId: string;
  partNumber: number;
  body: StorageBody;
  /** The part's exact size: a body longer or shorter than this is refused and not kept. */
  contentLength: number;
  signal?: AbortSignal;
};

/**
 * One interface over a local folder and any S3-compatible bucket. Writes and reads stream (no
 * whole-file buffering); a `put` replaces an object atomically from a reader's point of view.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** True when browsers send bytes straight to the store with presigned URLs (S3). */
  readonly presignsUploads: boolean;
  put(key: string, body: StorageBody, options?: PutObjectOptions): Promise<PutObjectResult>;
  /** Throws `ObjectNotFoundError`, or `RangeNotSatisfiableError` for a range past the end. */
  get(key: string, options?: { range?: ByteRange; signal?: AbortSignal }): Promise<GetObjectResult>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order (byte order of the UTF-8 key). */
  list(prefix: string): AsyncIterable<ObjectSummary>;
  createMultipartUpload(
    key: string,
    options?: Pick<PutObjectOptions, 'contentType' | 'metadata'>,
  ): Promise<string>;
  uploadPart(input: UploadPartInput): Promise<{ etag: string }>;
  presignUploadPart(input: {
    key: string;
    uploadId: string;
    partNumber: number;
    contentLength: number;
    expiresInSeconds: number;
  }): Promise<PresignedRequest>;
  presignPut(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedRequest>;
  completeMultipartUpload(input: {
    key: string;
    uploadId: string;
    parts: MultipartPart[];
  }): Promise<ObjectInfo>;
  /** Idempotent; best effort where the store cannot abort (the bucket's lifecycle rule cleans up). */
  abortMultipartUpload(input: { key: string; uploadId: string }): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  override name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`No stored object at ${key}`);
  }
}

export class RangeNotSatisfiableError extends Error {
  override name = 'RangeNotSatisfiableError';
  constructor(readonly size: number) {
    super(`The range lies outside the object (${size} bytes)`);
  }
}

/** A body over its `maxBytes`, or a part that is not exactly its declared length. */
export class ObjectSizeError extends Error {
  override name = 'ObjectSizeError';
  constructor(
    message: string,
    readonly reason: 'too_large' | 'too_short',
    readonly limit: number,
  ) {
    super(message);
  }
}

/** A presigned operation asked of a store that has none (the local folder). */
export class UnsupportedStorageOperationError extends Error {
  override name = 'UnsupportedStorageOperationError';
}

/** A multipart upload id the store does not know (finished, aborted), or parts it cannot assemble. */
export class MultipartUploadError extends Error {
  override name = 'MultipartUploadError';
  constructor(
    message: string,
    readonly reason: 'no_such_upload' | 'invalid_part',
  ) {
    super(message);
  }
}
