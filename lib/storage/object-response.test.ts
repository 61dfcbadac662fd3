import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage';
import { contentDisposition, objectResponse } from './object-response';
import type { ObjectStorage } from './object-storage';

let root: string;
let storage: ObjectStorage;
const bytes = Buffer.from('0123456789abcdefghij');
let object: Parameters<typeof objectResponse>[0]['object'];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tokdesk-object-response-'));
  storage = createLocalStorage({ root });
  const put = await storage.put('media/ws/photo/a.jpg', bytes, { contentType: 'image/jpeg' });
  object = {
    key: put.key,
    size: put.size,
    etag: put.etag,
    contentType: 'image/jpeg',
    fileName: 'Beach day.jpg',
  };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function respond(headers: Record<string, string> = {}, method = 'GET') {
  return objectResponse({
    storage,
    request: new Request('http://app.test/api/media/x', { method, headers }),
    object,
    disposition: 'inline',
    cacheControl: 'private, max-age=60',
    crossOriginResourcePolicy: 'same-origin',
  });
}

describe('objectResponse', () => {
  it('serves the whole object with safe headers', async () => {
    const response = await respond();
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=60',
      'content-length': '20',
      'content-type': 'image/jpeg',
      'content-disposition': `inline; filename="Beach day.jpg"; filename*=UTF-8''Beach%20day.jpg`,
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
      etag: `"${object.etag}"`,
    });
  });

  it('answers a range with 206 and Content-Range, and a range past the end with 416', async () => {
    const partial = await respond({ range: 'bytes=10-14' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 10-14/20');
    expect(partial.headers.get('content-length')).toBe('5');
    expect(await partial.text()).toBe('abcde');

    const suffix = await respond({ range: 'bytes=-3' });
    expect(await suffix.text()).toBe('hij');

    const past = await respond({ range: 'bytes=20-' });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */20');
  });

  it('honours If-None-Match, If-Range and HEAD', async () => {
    expect((await respond({ 'if-none-match': `W/"${object.etag}"` })).status).toBe(304);
    const staleIfRange = await respond({ range: 'bytes=0-1', 'if-range': '"older"' });
    expect(staleIfRange.status).toBe(200);
    expect(await staleIfRange.text()).toBe(bytes.toString());
    const head = await respond({ range: 'bytes=0-1' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('2');
    expect(await head.text()).toBe('');
  });

  it('turns an object missing from the store into a not-found error', async () => {
    await expect(
      objectResponse({
        storage,
        request: new Request('http://app.test/x'),
        object: { ...object, key: 'media/ws/photo/missing.jpg' },
        disposition: 'inline',
        cacheControl: 'no-store',
        crossOriginResourcePolicy: 'same-origin',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('never lets a file name break out of Content-Disposition', () => {
    expect(contentDisposition('attachment', 'a"b\\c\r\nSet-Cookie: x.mp4')).toBe(
      `attachment; filename="a_b_c__Set-Cookie: x.mp4"; filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x.mp4`,
    );
    expect(contentDisposition('inline', 'été (1).jpg')).toBe(
      `inline; filename="_t_ (1).jpg"; filename*=UTF-8''%C3%A9t%C3%A9%20%281%29.jpg`,
    );
  });
});
