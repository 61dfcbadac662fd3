import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { ObjectSizeError, type StorageBody } from './object-storage';

/** Any accepted body as a Node stream, without copying streamed input into memory. */
export function toNodeReadable(body: StorageBody): Readable {
  if (body instanceof Readable) return body;
  if (typeof body === 'string' || body instanceof Uint8Array) return Readable.from([Buffer.from(body)]);
  return Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>);
}

export type MeasureOptions = {
  /** Fail once more than this many bytes went through. */
  maxBytes?: number;
  /** Fail unless exactly this many bytes go through. */
  exactBytes?: number;
};

/**
 * A pass-through that counts, limits and hashes (MD5 for S3-style ETags, SHA-256 for checksums)
 * what flows through it, so a write never needs a second read to describe what it stored.
 */
export class MeasuringStream extends Transform {
  bytes = 0;
  private readonly md5Hash: Hash = createHash('md5');
  private readonly sha256Hash: Hash = createHash('sha256');
  private digests: { md5: string; sha256: string } | null = null;

  constructor(private readonly options: MeasureOptions = {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const limit = this.options.exactBytes ?? this.options.maxBytes;
    if (limit !== undefined && this.bytes > limit) {
      const message =
        this.options.exactBytes !== undefined
          ? `The body is longer than the declared ${limit} bytes.`
          : `The body is larger than ${limit} bytes.`;
      done(new ObjectSizeError(message, 'too_large', limit));
      return;
    }
    this.md5Hash.update(chunk);
    this.sha256Hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const { exactBytes } = this.options;
    if (exactBytes !== undefined && this.bytes !== exactBytes) {
      done(
        new ObjectSizeError(
          `The body ended after ${this.bytes} of the declared ${exactBytes} bytes.`,
          'too_short',
          exactBytes,
        ),
      );
      return;
    }
    done();
  }

  /** Hex digests of everything that went through; call once the stream has finished. */
  get md5(): string {
    return this.finish().md5;
  }

  get sha256(): string {
    return this.finish().sha256;
  }

  private finish() {
    this.digests ??= { md5: this.md5Hash.digest('hex'), sha256: this.sha256Hash.digest('hex') };
    return this.digests;
  }
}
