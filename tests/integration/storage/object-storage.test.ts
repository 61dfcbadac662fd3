import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { createTestStorage, TEST_STORAGE_KINDS, type TestStorage } from '@/tests/helpers/test-storage';

const MiB = 1024 * 1024;

async function readAll(storage: ObjectStorage, key: string, range?: { start: number; end: number }) {
  const result = await storage.get(key, range ? { range } : {});
  const chunks: Buffer[] = [];
  for await (const chunk of result.body) chunks.push(chunk as Buffer);
  return { ...result, bytes: Buffer.concat(chunks) };
}

async function keys(storage: ObjectStorage, prefix: string) {
  const found: string[] = [];
  for await (const object of storage.list(prefix)) found.push(object.key);
  return found;
}

/** A stream that produces `size` bytes in chunks and then fails, like a dropped client. */
function failingAfter(size: number) {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.destroy(new Error('connection reset'));
        return;
      }
      sent += 64 * 1024;
      this.push(randomBytes(64 * 1024));
    },
  });
}

describe.each(TEST_STORAGE_KINDS)('object storage contract on %s', (kind) => {
  let handle: TestStorage;
  let storage: ObjectStorage;

  beforeAll(async () => {
    handle = await createTestStorage(kind);
    storage = handle.storage;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('writes a stream and reads it back with its content type, metadata and checksums', async () => {
    const bytes = randomBytes(3 * MiB + 17);
    const put = await storage.put(
      'media/ws-1/photo/a.jpg',
      Readable.from([bytes.subarray(0, MiB), bytes.subarray(MiB)]),
      {
        contentType: 'image/jpeg',
        metadata: { 'media-id': 'm-1' },
      },
    );
    expect(put).toMatchObject({
      key: 'media/ws-1/photo/a.jpg',
      size: bytes.length,
      contentType: 'image/jpeg',
    });
    expect(put.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(put.etag).toMatch(/^[0-9a-f-]+$/);

    const read = await readAll(storage, 'media/ws-1/photo/a.jpg');
    expect(read.bytes.equals(bytes)).toBe(true);
    expect(read).toMatchObject({
      size: bytes.length,
      contentLength: bytes.length,
      contentType: 'image/jpeg',
      etag: put.etag,
      metadata: { 'media-id': 'm-1' },
      range: null,
    });
    const head = await storage.head('media/ws-1/photo/a.jpg');
    expect(head).toMatchObject({ size: bytes.length, contentType: 'image/jpeg', etag: put.etag });
    expect(head?.metadata).toEqual({ 'media-id': 'm-1' });
  });

  it('accepts web streams, bytes and strings as bodies', async () => {
    const web = new Blob(['hello ', 'web']).stream();
    await storage.put('bodies/web.txt', web, { contentType: 'text/plain' });
    await storage.put('bodies/bytes.bin', new Uint8Array([1, 2, 3]));
    await storage.put('bodies/empty.txt', '');
    expect((await readAll(storage, 'bodies/web.txt')).bytes.toString()).toBe('hello web');
    expect([...(await readAll(storage, 'bodies/bytes.bin')).bytes]).toEqual([1, 2, 3]);
    const empty = await readAll(storage, 'bodies/empty.txt');
    expect(empty.size).toBe(0);
    expect(empty.bytes.length).toBe(0);
  });

  it('serves byte ranges: middle, open-ended, clamped at the end; refuses ranges past the end', async () => {
    const bytes = Buffer.from('0123456789abcdefghij');
    await storage.put('ranges/r.txt', bytes, { contentType: 'text/plain' });
    const middle = await readAll(storage, 'ranges/r.txt', { start: 5, end: 9 });
    expect(middle.bytes.toString()).toBe('56789');
    expect(middle).toMatchObject({ size: 20, contentLength: 5, range: { start: 5, end: 9 } });
    const tail = await readAll(storage, 'ranges/r.txt', { start: 15, end: 1_000_000 });
    expect(tail.bytes.toString()).toBe('fghij');
    expect(tail.range).toEqual({ start: 15, end: 19 });
    await expect(storage.get('ranges/r.txt', { range: { start: 20, end: 30 } })).rejects.toMatchObject({
      name: 'RangeNotSatisfiableError',
      size: 20,
    });
  });

  it('reports a missing object as not found, and deleting is idempotent', async () => {
    await expect(storage.get('missing/nothing.txt')).rejects.toMatchObject({ name: 'ObjectNotFoundError' });
    expect(await storage.head('missing/nothing.txt')).toBeNull();
    await storage.put('gone/soon.txt', 'x');
    await storage.delete('gone/soon.txt');
    await storage.delete('gone/soon.txt');
    expect(await storage.head('gone/soon.txt')).toBeNull();
    expect(await keys(storage, 'gone/')).toEqual([]);
  });

  it("lists a day's files by prefix, in key order, and nothing outside the prefix", async () => {
    const day = 'reports/acme/creator/acc-1/dt=2026-03-01/';
    for (const name of ['videos.csv', '_manifest.json', 'account.csv'])
      await storage.put(`${day}${name}`, name);
    await storage.put('reports/acme/creator/acc-1/dt=2026-03-02/account.csv', 'next day');
    await storage.put('reports/acme/creator/acc-1/dt=2026-03-01-extra.csv', 'sibling');
    await storage.put('reports/acme/creator/acc-1/dt=2026-03-01/nested/deep.csv', 'nested');

    expect(await keys(storage, day)).toEqual([
      `${day}_manifest.json`,
      `${day}account.csv`,
      `${day}nested/deep.csv`,
      `${day}videos.csv`,
    ]);
    // A partial segment matches by string prefix. (S3 would sort '-' before '/' as the local
    // adapter does; s3rver sorts differently, so the order is left out here.)
    expect((await keys(storage, 'reports/acme/creator/acc-1/dt=2026-03-01')).sort()).toEqual([
      'reports/acme/creator/acc-1/dt=2026-03-01-extra.csv',
      `${day}_manifest.json`,
      `${day}account.csv`,
      `${day}nested/deep.csv`,
      `${day}videos.csv`,
    ]);
    const listed = [];
    for await (const object of storage.list(day)) listed.push(object);
    const [first] = listed;
    expect(first).toMatchObject({ key: `${day}_manifest.json`, size: '_manifest.json'.length });
    expect(first?.lastModified).toBeInstanceOf(Date);
    expect(await keys(storage, 'reports/nobody/')).toEqual([]);
  });

  it('replaces an object whole: a replacement that fails midway leaves the old version readable', async () => {
    await storage.put('replace/day.csv', 'version 1', { contentType: 'text/csv' });
    await storage.put('replace/day.csv', 'version 2', { contentType: 'text/csv' });
    expect((await readAll(storage, 'replace/day.csv')).bytes.toString()).toBe('version 2');

    await expect(storage.put('replace/day.csv', failingAfter(10 * MiB))).rejects.toThrow();
    const after = await readAll(storage, 'replace/day.csv');
    expect(after.bytes.toString()).toBe('version 2');
    expect(after.contentType).toBe('text/csv');
  });

  it('refuses a body over maxBytes and keeps nothing of it', async () => {
    await expect(
      storage.put('limits/too-big.bin', Readable.from([randomBytes(MiB), randomBytes(MiB)]), {
        maxBytes: MiB + 1,
      }),
    ).rejects.toMatchObject({ name: 'ObjectSizeError', reason: 'too_large' });
    expect(await storage.head('limits/too-big.bin')).toBeNull();
    expect(await keys(storage, 'limits/')).toEqual([]);
    if (handle.root) expect(await readdir(path.join(handle.root, '.tmp'))).toEqual([]);
  });

  it('refuses keys that could escape their folder', async () => {
    for (const key of ['../outside.txt', 'a/../../b', '.tmp/x', '/abs', 'a//b']) {
      await expect(storage.put(key, 'x'), key).rejects.toMatchObject({ name: 'InvalidObjectKeyError' });
      await expect(storage.get(key), key).rejects.toMatchObject({ name: 'InvalidObjectKeyError' });
    }
  });

  it('assembles a multipart upload from parts written in any order, re-sent parts replacing earlier ones', async () => {
    const key = 'media/ws-1/video/multi.mp4';
    const part1 = randomBytes(5 * MiB);
    const part2 = randomBytes(5 * MiB);
    const part3 = randomBytes(123);
    const uploadId = await storage.createMultipartUpload(key, {
      contentType: 'video/mp4',
      metadata: { purpose: 'video' },
    });
    const p3 = await storage.uploadPart({
      key,
      uploadId,
      partNumber: 3,
      body: part3,
      contentLength: part3.length,
    });
    const p1 = await storage.uploadPart({
      key,
      uploadId,
      partNumber: 1,
      body: part1,
      contentLength: part1.length,
    });
    // An interrupted attempt at part 2 keeps nothing; the retry succeeds.
    await expect(
      storage.uploadPart({
        key,
        uploadId,
        partNumber: 2,
        body: part2.subarray(0, MiB),
        contentLength: part2.length,
      }),
    ).rejects.toMatchObject({ name: 'ObjectSizeError', reason: 'too_short' });
    const p2 = await storage.uploadPart({
      key,
      uploadId,
      partNumber: 2,
      body: part2,
      contentLength: part2.length,
    });
    expect(await storage.head(key)).toBeNull();

    const info = await storage.completeMultipartUpload({
      key,
      uploadId,
      parts: [
        { partNumber: 2, etag: p2.etag },
        { partNumber: 1, etag: p1.etag },
        { partNumber: 3, etag: p3.etag },
      ],
    });
    expect(info).toMatchObject({
      key,
      size: part1.length + part2.length + part3.length,
      contentType: 'video/mp4',
    });
    const read = await readAll(storage, key);
    expect(read.bytes.equals(Buffer.concat([part1, part2, part3]))).toBe(true);
    expect(read.metadata).toEqual({ purpose: 'video' });
    if (handle.root) expect(await readdir(path.join(handle.root, '.multipart'))).toEqual([]);
  });

  it('refuses to complete with a wrong ETag or a part never sent, and aborts idempotently', async () => {
    const key = 'media/ws-1/video/bad.mp4';
    const uploadId = await storage.createMultipartUpload(key, { contentType: 'video/mp4' });
    await storage.uploadPart({ key, uploadId, partNumber: 1, body: 'abc', contentLength: 3 });
    // S3 checks parts on completion; s3rver accepts a wrong ETag and crashes on a missing part, so
    // only the local folder is held to this here (the upload use cases check parts before completing).
    if (kind === 'local') {
      for (const parts of [
        [{ partNumber: 1, etag: '0'.repeat(32) }],
        [{ partNumber: 2, etag: '0'.repeat(32) }],
      ]) {
        await expect(storage.completeMultipartUpload({ key, uploadId, parts })).rejects.toMatchObject({
          name: 'MultipartUploadError',
          reason: 'invalid_part',
        });
      }
    }
    await storage.abortMultipartUpload({ key, uploadId });
    await storage.abortMultipartUpload({ key, uploadId });
    expect(await storage.head(key)).toBeNull();
  });

  it('reads text written as a string, the way report manifests are', async () => {
    const manifest = JSON.stringify({ files: [{ key: 'a.csv', rows: 3 }] });
    await storage.put('reports/m/_manifest.json', manifest, { contentType: 'application/json' });
    const result = await storage.get('reports/m/_manifest.json');
    expect(JSON.parse(await text(result.body))).toEqual({ files: [{ key: 'a.csv', rows: 3 }] });
  });
});
