import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { createS3Storage } from '@/lib/storage/s3-storage';
import { type S3TestServer, startS3TestServer } from '@/tests/helpers/s3-test-server';

const MiB = 1024 * 1024;

/**
 * What a browser does with presigned URLs, done with plain fetch against a real S3-compatible
 * server (s3rver, with SigV4 verification of presigned requests added by the test harness).
 */
describe('presigned S3 requests from a browser-like client', () => {
  let server: S3TestServer;
  let storage: ObjectStorage;

  beforeAll(async () => {
    server = await startS3TestServer();
    storage = createS3Storage(server.options);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('PUTs a whole file to a presigned URL, which binds its length and content type', async () => {
    const bytes = randomBytes(300_000);
    const presigned = await storage.presignPut('media/ws/photo/p.jpg', {
      contentType: 'image/jpeg',
      contentLength: bytes.length,
      expiresInSeconds: 60,
    });
    expect(presigned.headers).toEqual({ 'content-type': 'image/jpeg' });
    expect(new URL(presigned.url).origin).toBe(server.options.endpoint);

    const wrongType = await fetch(presigned.url, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'text/html' },
    });
    expect(wrongType.status).toBe(403);
    const longer = await fetch(presigned.url, {
      method: 'PUT',
      body: Buffer.concat([bytes, Buffer.from('x')]),
      headers: presigned.headers,
    });
    expect(longer.status).toBe(403);
    expect(await storage.head('media/ws/photo/p.jpg')).toBeNull();

    const response = await fetch(presigned.url, { method: 'PUT', body: bytes, headers: presigned.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`);
    expect(await storage.head('media/ws/photo/p.jpg')).toMatchObject({
      size: bytes.length,
      contentType: 'image/jpeg',
    });
  });

  it('uploads parts with plain fetch PUTs to presigned part URLs, resumes a failed one, then completes', async () => {
    const key = 'media/ws/video/browser.mp4';
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(777)];
    const uploadId = await storage.createMultipartUpload(key, { contentType: 'video/mp4' });
    const etags: { partNumber: number; etag: string }[] = [];
    for (const [index, body] of parts.entries()) {
      const partNumber = index + 1;
      const target = await storage.presignUploadPart({
        key,
        uploadId,
        partNumber,
        contentLength: body.length,
        expiresInSeconds: 60,
      });
      if (partNumber === 2) {
        // The connection drops mid-part: the bucket keeps nothing of it and the client resends.
        const controller = new AbortController();
        const dropped = fetch(target.url, {
          method: 'PUT',
          body: new ReadableStream({
            start(stream) {
              stream.enqueue(body.subarray(0, MiB));
              setTimeout(() => controller.abort(), 50);
            },
          }),
          headers: { 'content-length': String(body.length) },
          signal: controller.signal,
          duplex: 'half',
        } as RequestInit);
        await expect(dropped).rejects.toThrow();
      }
      const response = await fetch(target.url, { method: 'PUT', body });
      expect(response.status, `part ${partNumber}`).toBe(200);
      etags.push({ partNumber, etag: response.headers.get('etag')!.replaceAll('"', '') });
    }
    const info = await storage.completeMultipartUpload({ key, uploadId, parts: etags });
    expect(info.size).toBe(parts.reduce((sum, part) => sum + part.length, 0));
    const { body } = await storage.get(key, { range: { start: 5 * MiB - 10, end: 5 * MiB + 9 } });
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    expect(
      Buffer.concat(chunks).equals(Buffer.concat([parts[0]!.subarray(-10), parts[1]!.subarray(0, 10)])),
    ).toBe(true);
  });

  it('refuses a presigned URL once it has expired', async () => {
    const presigned = await storage.presignPut('media/ws/photo/late.jpg', {
      contentType: 'image/jpeg',
      contentLength: 3,
      expiresInSeconds: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const response = await fetch(presigned.url, { method: 'PUT', body: 'abc', headers: presigned.headers });
    expect(response.status).toBe(403);
    expect(await storage.head('media/ws/photo/late.jpg')).toBeNull();
  });
});
