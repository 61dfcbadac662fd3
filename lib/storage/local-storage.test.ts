import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage';
import type { ObjectStorage } from './object-storage';

let root: string;
let storage: ObjectStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tokdesk-local-storage-'));
  storage = createLocalStorage({ root });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function read(key: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of (await storage.get(key)).body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('local folder storage', () => {
  it('keeps objects as plain files under the root, metadata beside them in .meta', async () => {
    await storage.put('reports/acme/dt=2026-03-01/account.csv', 'a,b\n1,2\n', { contentType: 'text/csv' });
    expect(await readdir(path.join(root, 'reports/acme/dt=2026-03-01'))).toEqual(['account.csv']);
    expect(await readdir(path.join(root, '.meta/reports/acme/dt=2026-03-01'))).toEqual(['account.csv.json']);
  });

  it('lets a reader that started before a replacement finish the old version, whole', async () => {
    const v1 = randomBytes(4 * 1024 * 1024);
    const v2 = randomBytes(4 * 1024 * 1024);
    await storage.put('replace/videos.csv', v1);
    const reader = await storage.get('replace/videos.csv');
    await storage.put('replace/videos.csv', v2);
    const chunks: Buffer[] = [];
    for await (const chunk of reader.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(v1)).toBe(true);
    expect((await read('replace/videos.csv')).equals(v2)).toBe(true);
  });

  it('never shows a reader a half-written version while a file is rewritten again and again', async () => {
    const versions = Array.from({ length: 6 }, (_, index) => Buffer.alloc(2 * 1024 * 1024, index + 1));
    await storage.put('replace/manifest.json', versions[0]!);
    let writing = true;
    const writer = (async () => {
      for (const version of versions.slice(1)) await storage.put('replace/manifest.json', version);
      writing = false;
    })();
    const seen = new Set<number>();
    while (writing) {
      const bytes = await read('replace/manifest.json');
      expect(bytes.length).toBe(2 * 1024 * 1024);
      expect(bytes.every((byte) => byte === bytes[0])).toBe(true);
      seen.add(bytes[0]!);
    }
    await writer;
    expect((await read('replace/manifest.json'))[0]).toBe(6);
    expect(seen.size).toBeGreaterThan(0);
  });

  it('describes a file put there by hand from the file system alone', async () => {
    await mkdir(path.join(root, 'manual'), { recursive: true });
    await writeFile(path.join(root, 'manual/readme.txt'), 'hello');
    expect(await storage.head('manual/readme.txt')).toMatchObject({
      size: 5,
      contentType: 'application/octet-stream',
      metadata: {},
    });
  });

  it('leaves no temp files or empty folders behind', async () => {
    await storage.put('tidy/a/b/c.txt', 'x');
    await storage.delete('tidy/a/b/c.txt');
    expect(await readdir(root)).not.toContain('tidy');
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });
});
