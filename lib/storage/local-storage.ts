import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertPartNumber, checkedPartOrder } from './multipart-parts';
import { assertObjectKey, assertObjectPrefix, isValidObjectKey } from './object-key';
import {
  type CompleteMultipartUploadInput,
  type GetObjectResult,
  MultipartUploadError,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStorage,
  type ObjectSummary,
  type PutObjectOptions,
  type PutObjectResult,
  RangeNotSatisfiableError,
  type StorageBody,
  UnsupportedStorageOperationError,
  type UploadPartInput,
} from './object-storage';
import { MeasuringStream, toNodeReadable } from './storage-body';

// Keys never start with a dot (object-key.ts), so these folders can never collide with objects.
const META_DIR = '.meta';
const TMP_DIR = '.tmp';
const MULTIPART_DIR = '.multipart';
const UPLOAD_ID = /^[0-9a-f-]{36}$/;
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Written beside each object. `ino` binds it to one version of the data file: rename keeps the
 * inode, so a reader that finds a sidecar for another inode knows it raced a replacement.
 */
type Sidecar = {
  ino: number;
  size: number;
  contentType: string;
  etag: string;
  sha256: string;
  metadata: Record<string, string>;
};

type UploadRecord = { key: string; contentType?: string; metadata?: Record<string, string> };

/**
 * The local-folder adapter (the default without S3). Objects are plain files under `root`, so
 * report CSVs can be opened directly; writes go to a temp file that is renamed into place, which
 * is atomic on one file system, and a reader holding the old file keeps reading the old bytes.
 */
export function createLocalStorage({ root }: { root: string }): ObjectStorage {
  return new LocalStorage(path.resolve(root));
}

class LocalStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  readonly presignsUploads = false;

  constructor(private readonly root: string) {}

  async put(key: string, body: StorageBody, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    assertObjectKey(key);
    const measure = new MeasuringStream({ maxBytes: options.maxBytes });
    const tmp = await this.writeTemp(toNodeReadable(body), measure, options.signal);
    return this.commit(key, tmp, measure, options);
  }

  async get(key: string, options: { range?: { start: number; end: number } } = {}): Promise<GetObjectResult> {
    assertObjectKey(key);
    const handle = await open(this.dataPath(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw isMissing(error) ? new ObjectNotFoundError(key) : error;
    });
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new ObjectNotFoundError(key);
      const info = await this.describe(key, stats);
      const { range } = options;
      if (range && (range.start >= info.size || range.start > range.end)) {
        throw new RangeNotSatisfiableError(info.size);
      }
      const start = range?.start ?? 0;
      const end = range ? Math.min(range.end, info.size - 1) : info.size - 1;
      const contentLength = end - start + 1;
      if (contentLength === 0) {
        await handle.close();
        return { ...info, body: Readable.from([]), range: null, contentLength: 0 };
      }
      // The stream owns the handle from here and closes it when it ends or is destroyed.
      const body = handle.createReadStream({ start, end });
      return { ...info, body, range: range ? { start, end } : null, contentLength };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    const stats = await stat(this.dataPath(key)).catch((error: NodeJS.ErrnoException) => {
      if (isMissing(error)) return null;
      throw error;
    });
    return stats?.isFile() ? this.describe(key, stats) : null;
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await rm(this.dataPath(key), { force: true });
    await rm(this.metaPath(key), { force: true });
    await this.pruneEmptyFolders(path.dirname(this.dataPath(key)));
    await this.pruneEmptyFolders(path.dirname(this.metaPath(key)));
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    assertObjectPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    yield* this.walk(slash === -1 ? '' : prefix.slice(0, slash), prefix);
  }

  async createMultipartUpload(
    key: string,
    options: Pick<PutObjectOptions, 'contentType' | 'metadata'> = {},
  ): Promise<string> {
    assertObjectKey(key);
    const uploadId = randomUUID();
    const dir = this.uploadDir(uploadId);
    await mkdir(dir, { recursive: true });
    const record: UploadRecord = { key, contentType: options.contentType, metadata: options.metadata };
    await writeFile(path.join(dir, 'upload.json'), JSON.stringify(record));
    return uploadId;
  }

  async uploadPart({ key, uploadId, partNumber, body, contentLength, signal }: UploadPartInput) {
    assertPartNumber(partNumber);
    await this.readUpload(key, uploadId);
    const dir = this.uploadDir(uploadId);
    const tmp = path.join(dir, `${partNumber}.${randomUUID()}.tmp`);
    const measure = new MeasuringStream({ exactBytes: contentLength });
    try {
      await pipeline(toNodeReadable(body), measure, createWriteStream(tmp, { flags: 'wx' }), { signal });
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const etag = measure.md5;
    // Part files are named by number and ETag, so completing with a stale ETag fails as on S3.
    for (const name of await readdir(dir)) {
      if (name.startsWith(`${partNumber}.`) && name.endsWith('.part'))
        await rm(path.join(dir, name), { force: true });
    }
    await rename(tmp, path.join(dir, `${partNumber}.${etag}.part`));
    return { etag };
  }

  async presignUploadPart(): Promise<never> {
    throw new UnsupportedStorageOperationError(
      'The local folder takes parts through the app, not presigned URLs.',
    );
  }

  async presignPut(): Promise<never> {
    throw new UnsupportedStorageOperationError(
      'The local folder takes uploads through the app, not presigned URLs.',
    );
  }

  async completeMultipartUpload({ key, uploadId, parts }: CompleteMultipartUploadInput) {
    const record = await this.readUpload(key, uploadId);
    const dir = this.uploadDir(uploadId);
    const files = checkedPartOrder(parts).map((part) =>
      path.join(dir, `${part.partNumber}.${part.etag}.part`),
    );
    for (const file of files) {
      const found = await stat(file).catch(() => null);
      if (!found)
        throw new MultipartUploadError('A part was not uploaded, or with other content.', 'invalid_part');
    }
    const concatenated = Readable.from(
      (async function* () {
        for (const file of files) yield* createReadStream(file);
      })(),
    );
    const measure = new MeasuringStream();
    const tmp = await this.writeTemp(concatenated, measure, undefined);
    const info = await this.commit(key, tmp, measure, record);
    await rm(dir, { recursive: true, force: true });
    return info;
  }

  async abortMultipartUpload({ uploadId }: { key: string; uploadId: string }): Promise<void> {
    if (UPLOAD_ID.test(uploadId)) await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  private async writeTemp(source: Readable, measure: MeasuringStream, signal: AbortSignal | undefined) {
    const dir = path.join(this.root, TMP_DIR);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, randomUUID());
    try {
      // `flush` fsyncs before close: a crash after the rename never leaves a truncated object.
      await pipeline(source, measure, createWriteStream(tmp, { flags: 'wx', flush: true }), {
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      source.destroy();
      await rm(tmp, { force: true });
      throw error;
    }
    return tmp;
  }

  private async commit(
    key: string,
    tmp: string,
    measure: MeasuringStream,
    options: Pick<PutObjectOptions, 'contentType' | 'metadata'>,
  ): Promise<PutObjectResult> {
    const stats = await stat(tmp);
    const sidecar: Sidecar = {
      ino: stats.ino,
      size: measure.bytes,
      contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
      etag: measure.md5,
      sha256: measure.sha256,
      metadata: options.metadata ?? {},
    };
    const dataPath = this.dataPath(key);
    const metaPath = this.metaPath(key);
    try {
      await writeFile(`${tmp}.json`, JSON.stringify(sidecar));
      await mkdir(path.dirname(dataPath), { recursive: true });
      await mkdir(path.dirname(metaPath), { recursive: true });
      await rename(tmp, dataPath);
      await rename(`${tmp}.json`, metaPath);
    } catch (error) {
      await rm(tmp, { force: true });
      await rm(`${tmp}.json`, { force: true });
      throw error;
    }
    return {
      key,
      size: sidecar.size,
      contentType: sidecar.contentType,
      etag: sidecar.etag,
      sha256: sidecar.sha256,
      lastModified: stats.mtime,
      metadata: sidecar.metadata,
    };
  }

  private async describe(key: string, stats: Stats): Promise<ObjectInfo> {
    // A writer renames the data file, then its sidecar: a reader between the two waits briefly.
    for (let attempt = 0; attempt < 3; attempt++) {
      const sidecar = await this.readSidecar(key);
      if (sidecar && sidecar.ino === stats.ino && sidecar.size === stats.size) {
        return {
          key,
          size: stats.size,
          contentType: sidecar.contentType,
          etag: sidecar.etag,
          lastModified: stats.mtime,
          metadata: sidecar.metadata,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 5 * (attempt + 1)));
    }
    // A file put there by hand: describe it from the file system alone.
    return {
      key,
      size: stats.size,
      contentType: DEFAULT_CONTENT_TYPE,
      etag: `${stats.ino.toString(16)}-${stats.size.toString(16)}-${Math.trunc(stats.mtimeMs).toString(16)}`,
      lastModified: stats.mtime,
      metadata: {},
    };
  }

  private async readSidecar(key: string): Promise<Sidecar | null> {
    try {
      return JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Sidecar;
    } catch {
      return null;
    }
  }

  private async *walk(dirKey: string, prefix: string): AsyncGenerator<ObjectSummary> {
    const dir = dirKey ? this.dataPath(dirKey) : this.root;
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (isMissing(error)) return [];
      throw error;
    });
    // S3 lists in byte order of the whole key: a folder sorts as its name plus '/'.
    const sorted = entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    for (const { entry } of sorted) {
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix) && isValidObjectKey(key)) {
        const stats = await stat(path.join(dir, entry.name)).catch(() => null);
        if (!stats) continue;
        const { size, etag, lastModified } = await this.describe(key, stats);
        yield { key, size, etag, lastModified };
      }
    }
  }

  private async readUpload(key: string, uploadId: string): Promise<UploadRecord> {
    const missing = new MultipartUploadError('This upload does not exist or has finished.', 'no_such_upload');
    if (!UPLOAD_ID.test(uploadId)) throw missing;
    const raw = await readFile(path.join(this.uploadDir(uploadId), 'upload.json'), 'utf8').catch(() => null);
    const record = raw ? (JSON.parse(raw) as UploadRecord) : null;
    if (!record || record.key !== key) throw missing;
    return record;
  }

  private async pruneEmptyFolders(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(`${this.root}${path.sep}`) && current !== path.join(this.root, META_DIR)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
      current = path.dirname(current);
    }
  }

  private dataPath(key: string) {
    return path.join(this.root, ...key.split('/'));
  }

  private metaPath(key: string) {
    return `${path.join(this.root, META_DIR, ...key.split('/'))}.json`;
  }

  private uploadDir(uploadId: string) {
    return path.join(this.root, MULTIPART_DIR, uploadId);
  }
}

function isMissing(error: NodeJS.ErrnoException) {
  return error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR';
}
