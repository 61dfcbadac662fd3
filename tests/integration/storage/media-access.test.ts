import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MediaObject, mediaObjects } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createSignedMediaUrl } from '@/lib/media/create-signed-media-url';
import { deleteMedia } from '@/lib/media/delete-media';
import { serveMedia } from '@/lib/media/serve-media';
import { serveSignedMedia } from '@/lib/media/serve-signed-media';
import { storeMedia } from '@/lib/media/store-media';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { createTestStorage, TEST_STORAGE_KINDS, type TestStorage } from '@/tests/helpers/test-storage';

const NOT_FOUND = { code: 'not_found', status: 404, message: 'This file does not exist.' };

/** What the signed route's handler receives: the URL's own query, parsed. */
function signedRequest(url: string, headers: Record<string, string> = {}) {
  const parsed = new URL(url);
  const query = parsed.searchParams;
  return {
    mediaId: decodeURIComponent(parsed.pathname.split('/')[3]!),
    expires: Number(query.get('expires')),
    disposition: query.get('disposition') as 'inline' | 'attachment',
    signature: query.get('signature')!,
    request: new Request(url, { headers }),
  };
}

describe.each(TEST_STORAGE_KINDS)('media access on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let handle: TestStorage;
  let storage: ObjectStorage;
  let team: WorkspaceWithMembers;
  let otherTeam: WorkspaceWithMembers;
  let photo: MediaObject;
  const bytes = randomBytes(100_000);

  beforeAll(async () => {
    testDb = await createTestDb('pglite');
    db = testDb.db;
    handle = await createTestStorage(kind);
    storage = handle.storage;
    team = await createWorkspaceWithMembers(db, { agents: 1 });
    otherTeam = await createWorkspaceWithMembers(db);
    photo = await storeMedia(db, storage, {
      workspaceId: team.workspaceId,
      purpose: 'dm_inbound',
      fileName: 'customer photo.jpg',
      contentType: 'image/jpeg',
      body: Readable.from([bytes]),
    });
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('stores server-fetched media as ready, with its checksum', async () => {
    expect(photo).toMatchObject({ status: 'ready', size: bytes.length, workspaceId: team.workspaceId });
    expect(photo.checksumSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves a member the file, whole or by range, with safe headers', async () => {
    const agent = team.agents[0]!;
    const whole = await serveMedia(db, storage, {
      mediaId: photo.id,
      userId: agent.id,
      request: new Request('http://app.test/api/media/x'),
    });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    expect(Object.fromEntries(whole.headers)).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400',
      'content-disposition': `inline; filename="customer photo.jpg"; filename*=UTF-8''customer%20photo.jpg`,
    });

    const partial = await serveMedia(db, storage, {
      mediaId: photo.id,
      userId: agent.id,
      request: new Request('http://app.test/api/media/x', { headers: { range: 'bytes=1000-1999' } }),
      download: true,
    });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(partial.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await partial.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it("answers 404, never 403, for another workspace's file, an unknown id or an unfinished upload", async () => {
    const request = new Request('http://app.test/api/media/x');
    await expect(
      serveMedia(db, storage, { mediaId: photo.id, userId: otherTeam.owner.id, request }),
    ).rejects.toMatchObject(NOT_FOUND);
    await expect(
      serveMedia(db, storage, { mediaId: crypto.randomUUID(), userId: team.owner.id, request }),
    ).rejects.toMatchObject(NOT_FOUND);
    const [uploading] = await db
      .insert(mediaObjects)
      .values({
        workspaceId: team.workspaceId,
        key: `media/${team.workspaceId}/video/unfinished.mp4`,
        purpose: 'video',
        fileName: 'unfinished.mp4',
        contentType: 'video/mp4',
        size: 10,
        createdBy: team.owner.id,
      })
      .returning();
    await expect(
      serveMedia(db, storage, { mediaId: uploading!.id, userId: team.owner.id, request }),
    ).rejects.toMatchObject(NOT_FOUND);
    await expect(
      createSignedMediaUrl(db, { workspaceId: otherTeam.workspaceId, mediaId: photo.id }),
    ).rejects.toMatchObject(NOT_FOUND);
  });

  it('serves a signed URL without a session, honouring Range, until it expires', async () => {
    const signed = await createSignedMediaUrl(db, {
      workspaceId: team.workspaceId,
      mediaId: photo.id,
      expiresInSeconds: 600,
      baseUrl: 'https://tokdesk.example',
    });
    expect(signed.url).toMatch(
      new RegExp(
        `^https://tokdesk\\.example/api/media/${photo.id}/signed\\?expires=\\d+&disposition=inline&signature=`,
      ),
    );
    const response = await serveSignedMedia(db, storage, signedRequest(signed.url, { range: 'bytes=-100' }));
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(-100))).toBe(true);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('location')).toBeNull();

    const later = signed.expiresAt.getTime() + 1000;
    await expect(
      serveSignedMedia(db, storage, { ...signedRequest(signed.url), nowMs: later }),
    ).rejects.toMatchObject({
      status: 403,
      message: 'This link has expired.',
    });
  });

  it('rejects a tampered link the same way whether or not the id exists', async () => {
    const signed = await createSignedMediaUrl(db, { workspaceId: team.workspaceId, mediaId: photo.id });
    const valid = signedRequest(signed.url);
    const other = await storeMedia(db, storage, {
      workspaceId: team.workspaceId,
      purpose: 'dm_inbound',
      fileName: 'other.png',
      contentType: 'image/png',
      body: 'png bytes',
    });
    const tampered = [
      { ...valid, expires: valid.expires + 3600 },
      { ...valid, disposition: 'attachment' as const },
      { ...valid, signature: `${valid.signature.slice(0, -2)}AA` },
      { ...valid, mediaId: other.id },
      { ...valid, mediaId: crypto.randomUUID() },
    ];
    for (const attempt of tampered) {
      await expect(serveSignedMedia(db, storage, attempt)).rejects.toMatchObject({
        code: 'forbidden',
        status: 403,
        message: 'This link is not valid.',
      });
    }
  });

  it('refuses server-side media over its limit and keeps neither bytes nor a row', async () => {
    const before = await db.select().from(mediaObjects);
    await expect(
      storeMedia(db, storage, {
        workspaceId: team.workspaceId,
        purpose: 'dm_inbound',
        fileName: 'huge.gif',
        contentType: 'image/gif',
        body: Readable.from(
          (function* () {
            for (let i = 0; i < 21; i++) yield randomBytes(1_000_000);
          })(),
        ),
      }),
    ).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(await db.select().from(mediaObjects)).toHaveLength(before.length);
    const listed = [];
    for await (const object of storage.list(`media/${team.workspaceId}/dm_inbound/`)) listed.push(object.key);
    expect(listed.sort()).toEqual(
      before
        .filter((row) => row.purpose === 'dm_inbound')
        .map((row) => row.key)
        .sort(),
    );
  });

  it('lets owners delete any file and agents only their own', async () => {
    const mine = await storeMedia(db, storage, {
      workspaceId: team.workspaceId,
      purpose: 'dm_image',
      fileName: 'agent.png',
      contentType: 'image/png',
      body: 'agent bytes',
      createdBy: team.agents[0]!.id,
    });
    await expect(
      deleteMedia(db, storage, { mediaId: photo.id, userId: team.agents[0]!.id }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      deleteMedia(db, storage, { mediaId: mine.id, userId: otherTeam.owner.id }),
    ).rejects.toMatchObject(NOT_FOUND);
    await deleteMedia(db, storage, { mediaId: mine.id, userId: team.agents[0]!.id });
    expect(await storage.head(mine.key)).toBeNull();
    expect(await db.select().from(mediaObjects).where(eq(mediaObjects.id, mine.id))).toEqual([]);
  });
});
