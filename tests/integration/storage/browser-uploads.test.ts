import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaObjects, mediaUploadParts, mediaUploads } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createUpload } from '@/lib/media/create-upload';
import { pruneAbandonedUploads } from '@/lib/media/prune-abandoned-uploads';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { fetchTransport, type PartTransport } from '@/lib/uploads/part-transport';
import { memoryResumeStore } from '@/lib/uploads/resume-store';
import { UploadError } from '@/lib/uploads/upload-error';
import { cancelUpload, type UploadableFile, uploadFile } from '@/lib/uploads/upload-file';
import type { UploadProgress } from '@/lib/uploads/upload-progress';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { createTestStorage, TEST_STORAGE_KINDS, type TestStorage } from '@/tests/helpers/test-storage';
import { fetchAs, startUploadApiServer, type UploadApiServer } from './support/upload-api-server';

const MiB = 1024 * 1024;

function testFile(bytes: Buffer, name: string, type: string): UploadableFile {
  return new File([new Uint8Array(bytes)], name, { type, lastModified: 1_760_000_000_000 });
}

async function storedBytes(storage: ObjectStorage, key: string) {
  const { body } = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A transport that records which parts it sent and can fail on command. */
function instrumentedTransport(base: PartTransport) {
  const sent: number[] = [];
  let failPart: ((partNumber: number, attempt: number) => UploadError | null) | null = null;
  const attempts = new Map<number, number>();
  const transport: PartTransport = async (request) => {
    const partNumber = Number(/(?:parts\/|partNumber=)(\d+)/.exec(request.url)?.[1] ?? 1);
    const attempt = (attempts.get(partNumber) ?? 0) + 1;
    attempts.set(partNumber, attempt);
    const failure = failPart?.(partNumber, attempt);
    if (failure) throw failure;
    const result = await base(request);
    sent.push(partNumber);
    return result;
  };
  return {
    transport,
    sent,
    failWith(rule: typeof failPart) {
      failPart = rule;
      attempts.clear();
    },
  };
}

describe.each(TEST_STORAGE_KINDS)('browser uploads through the upload protocol on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let handle: TestStorage;
  let storage: ObjectStorage;
  let api: UploadApiServer;
  let team: WorkspaceWithMembers;
  let otherTeam: WorkspaceWithMembers;

  beforeAll(async () => {
    testDb = await createTestDb('pglite');
    db = testDb.db;
    handle = await createTestStorage(kind);
    storage = handle.storage;
    api = await startUploadApiServer(db, storage);
    team = await createWorkspaceWithMembers(db, { agents: 1 });
    otherTeam = await createWorkspaceWithMembers(db);
  });
  afterAll(async () => {
    await api?.close();
    await handle?.close();
    await testDb?.drop();
  });

  const clientFor = (userId: string, workspaceId: string, transport?: PartTransport) => ({
    baseUrl: api.url,
    fetch: fetchAs(userId),
    workspaceId,
    transport: transport ?? fetchTransport(fetchAs(userId)),
    retryDelayMs: () => 1,
  });

  /** POST /api/uploads as `userId` into `workspaceId`, the way a client skipping the pre-check would. */
  const startUpload = (userId: string, workspaceId: string, body: Record<string, unknown>) =>
    fetchAs(userId)(`${api.url}/api/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-workspace-id': workspaceId },
      body: JSON.stringify(body),
    });

  it('uploads a multi-part video with progress, and the stored bytes are the file', async () => {
    const bytes = randomBytes(2 * 8 * MiB + 5);
    const progress: UploadProgress[] = [];
    const media = await uploadFile(testFile(bytes, 'Launch day.mp4', 'video/mp4'), {
      ...clientFor(team.owner.id, team.workspaceId),
      purpose: 'video',
      resumeStore: memoryResumeStore(),
      onProgress: (update) => progress.push(update),
    });
    expect(media).toMatchObject({
      purpose: 'video',
      fileName: 'Launch day.mp4',
      size: bytes.length,
      status: 'ready',
    });
    expect(media.url).toBe(`/api/media/${media.id}`);
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, media.id));
    expect(row).toMatchObject({ status: 'ready', size: bytes.length, workspaceId: team.workspaceId });
    expect(row!.key).toBe(`media/${team.workspaceId}/video/${media.id}.mp4`);
    const stored = await storedBytes(storage, row!.key);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    // Upload bookkeeping is gone once the media is ready.
    expect(await db.select().from(mediaUploads).where(eq(mediaUploads.mediaId, media.id))).toEqual([]);
    // Progress only moves forward and ends at 100 %.
    const loaded = progress.map((update) => update.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      loadedBytes: bytes.length,
      totalBytes: bytes.length,
      percent: 100,
    });
  });

  it('sends a small inbox image in one request, any member may', async () => {
    const bytes = randomBytes(200_000);
    const agent = team.agents[0]!;
    const media = await uploadFile(testFile(bytes, 'reply.png', 'image/png'), {
      ...clientFor(agent.id, team.workspaceId),
      purpose: 'dm_image',
      resumeStore: null,
    });
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, media.id));
    expect((await storedBytes(storage, row!.key)).equals(bytes)).toBe(true);
    expect(row).toMatchObject({ createdBy: agent.id, contentType: 'image/png', status: 'ready' });
  });

  it('resumes after an interrupted part, sending only the parts that had not arrived', async () => {
    const bytes = randomBytes(3 * 8 * MiB);
    const file = testFile(bytes, 'interrupted.mp4', 'video/mp4');
    const resumeStore = memoryResumeStore();
    const probe = instrumentedTransport(fetchTransport(fetchAs(team.owner.id)));
    // Part 2 loses its connection every time: retries run out and the upload stops.
    probe.failWith((partNumber) =>
      partNumber === 2 ? new UploadError('network', 'The connection dropped while sending a part.') : null,
    );
    const first = uploadFile(file, {
      ...clientFor(team.owner.id, team.workspaceId, probe.transport),
      purpose: 'video',
      resumeStore,
      concurrency: 1,
      retries: 2,
    });
    await expect(first).rejects.toMatchObject({ code: 'network' });
    const record = resumeStore.get(`${team.workspaceId}:video:interrupted.mp4:${bytes.length}:1760000000000`);
    expect(record?.completedParts).toEqual([1]);
    expect(probe.sent).toEqual([1]);

    // A reload later: the same file picked again resumes the same upload.
    probe.failWith(null);
    probe.sent.length = 0;
    const media = await uploadFile(file, {
      ...clientFor(team.owner.id, team.workspaceId, probe.transport),
      purpose: 'video',
      resumeStore,
    });
    expect(media.id).toBe(record!.uploadId);
    expect(probe.sent.sort()).toEqual([2, 3]);
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, media.id));
    expect((await storedBytes(storage, row!.key)).equals(bytes)).toBe(true);
    expect(
      resumeStore.get(`${team.workspaceId}:video:interrupted.mp4:${bytes.length}:1760000000000`),
    ).toBeNull();
  });

  it('retries a part that failed with a 503 and pauses and resumes on abort', async () => {
    const probe = instrumentedTransport(fetchTransport(fetchAs(team.owner.id)));
    probe.failWith((partNumber, attempt) =>
      partNumber === 1 && attempt <= 2
        ? new UploadError('server', 'The part was refused (HTTP 503).', 503)
        : null,
    );
    const bytes = randomBytes(8 * MiB + 1);
    const resumeStore = memoryResumeStore();
    const pause = new AbortController();
    const file = testFile(bytes, 'paused.mov', 'video/quicktime');
    const paused = uploadFile(file, {
      ...clientFor(team.owner.id, team.workspaceId, probe.transport),
      purpose: 'video',
      resumeStore,
      concurrency: 1,
      signal: pause.signal,
      onProgress: (update) => {
        if (update.loadedBytes >= 8 * MiB) pause.abort();
      },
    });
    await expect(paused).rejects.toMatchObject({ code: 'aborted' });
    expect(probe.sent).toEqual([1]);
    const media = await uploadFile(file, {
      ...clientFor(team.owner.id, team.workspaceId, probe.transport),
      purpose: 'video',
      resumeStore,
    });
    expect(probe.sent).toEqual([1, 2]);
    expect(media.size).toBe(bytes.length);
  });

  it('refuses an oversized or wrongly typed file before any byte is sent, keeping nothing', async () => {
    const before = await db.select().from(mediaObjects);
    const huge = { size: 3_000_001, type: 'image/jpeg', name: 'big.jpg', lastModified: 1 } as UploadableFile;
    await expect(
      uploadFile(huge, {
        ...clientFor(team.agents[0]!.id, team.workspaceId),
        purpose: 'dm_image',
        resumeStore: null,
      }),
    ).rejects.toMatchObject({
      code: 'rejected',
      message: 'This image is 3,000,001 bytes, over the 3 MB limit.',
    });

    // A client that skips the pre-check meets the server's: 413 and 422.
    const post = (body: Record<string, unknown>) => startUpload(team.owner.id, team.workspaceId, body);
    const tooBig = await post({
      purpose: 'video',
      fileName: 'x.mp4',
      contentType: 'video/mp4',
      size: 4_000_000_001,
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toBe(
      'This video is 4 GB, over the 4 GB limit.'.replace('4 GB, over', '4,000,000,001 bytes, over'),
    );
    const html = await post({ purpose: 'photo', fileName: 'x.html', contentType: 'text/html', size: 10 });
    expect(html.status).toBe(422);
    expect(await db.select().from(mediaObjects)).toHaveLength(before.length);
  });

  it('refuses a part larger than announced and keeps none of its bytes', async () => {
    const bytes = randomBytes(100_000);
    const session = await (
      await startUpload(team.owner.id, team.workspaceId, {
        purpose: 'photo',
        fileName: 'p.jpg',
        contentType: 'image/jpeg',
        size: bytes.length,
      })
    ).json();
    const uploadId = (session as { upload: { id: string } }).upload.id;
    const urls = (await (
      await fetchAs(team.owner.id)(`${api.url}/api/uploads/${uploadId}/part-urls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ partNumbers: [1] }),
      })
    ).json()) as { parts: { url: string; headers: Record<string, string> }[] };
    const target = urls.parts[0]!;
    const oversized = Buffer.concat([bytes, randomBytes(1000)]);
    const response = await fetchAs(team.owner.id)(new URL(target.url, api.url), {
      method: 'PUT',
      headers: target.headers,
      body: oversized,
    });
    // Our part route answers 413; the bucket refuses a body that does not match the signed length.
    expect(response.status).toBe(kind === 'local' ? 413 : 403);
    expect(await db.select().from(mediaUploadParts).where(eq(mediaUploadParts.mediaId, uploadId))).toEqual(
      [],
    );
    const complete = await fetchAs(team.owner.id)(`${api.url}/api/uploads/${uploadId}/complete`, {
      method: 'POST',
    });
    expect(complete.status).toBe(409);
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, uploadId));
    expect(await storage.head(row!.key)).toBeNull();
    await cancelUpload(testFile(bytes, 'p.jpg', 'image/jpeg'), {
      purpose: 'photo',
      uploadId,
      baseUrl: api.url,
      fetch: fetchAs(team.owner.id),
      resumeStore: null,
    });
    expect(await db.select().from(mediaObjects).where(eq(mediaObjects.id, uploadId))).toEqual([]);
  });

  it('fails and deletes an upload whose assembled size differs from the announced one', async () => {
    const create = await startUpload(team.owner.id, team.workspaceId, {
      purpose: 'photo',
      fileName: 'liar.jpg',
      contentType: 'image/jpeg',
      size: 1000,
    });
    const uploadId = ((await create.json()) as { upload: { id: string } }).upload.id;
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, uploadId));
    const [upload] = await db.select().from(mediaUploads).where(eq(mediaUploads.mediaId, uploadId));
    // Bytes that reached the store behind our checks' back (a store that ignores signed lengths).
    const etag =
      upload!.strategy === 'single'
        ? (await storage.put(row!.key, randomBytes(5000), { contentType: 'image/jpeg' })).etag
        : (
            await storage.uploadPart({
              key: row!.key,
              uploadId: upload!.storageUploadId!,
              partNumber: 1,
              body: randomBytes(5000),
              contentLength: 5000,
            })
          ).etag;
    await db.insert(mediaUploadParts).values({ mediaId: uploadId, partNumber: 1, etag, size: 1000 });

    const complete = await fetchAs(team.owner.id)(`${api.url}/api/uploads/${uploadId}/complete`, {
      method: 'POST',
    });
    expect(complete.status).toBe(422);
    expect(((await complete.json()) as { error: { message: string } }).error.message).toBe(
      'The uploaded file is not the size that was announced, so it was not kept.',
    );
    expect(await storage.head(row!.key)).toBeNull();
    const [failed] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, uploadId));
    expect(failed).toMatchObject({
      status: 'failed',
      failureReason: 'it was 5000 bytes, not the announced 1000',
    });
  });

  it('cancels an unfinished upload: no row, no parts, no bytes', async () => {
    const bytes = randomBytes(8 * MiB + 10);
    const file = testFile(bytes, 'cancel-me.mp4', 'video/mp4');
    const resumeStore = memoryResumeStore();
    const probe = instrumentedTransport(fetchTransport(fetchAs(team.owner.id)));
    probe.failWith((partNumber) => (partNumber === 2 ? new UploadError('rejected', 'stop here') : null));
    await expect(
      uploadFile(file, {
        ...clientFor(team.owner.id, team.workspaceId, probe.transport),
        purpose: 'video',
        resumeStore,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({ message: 'stop here' });
    const fingerprint = `${team.workspaceId}:video:cancel-me.mp4:${bytes.length}:1760000000000`;
    const uploadId = resumeStore.get(fingerprint)!.uploadId;
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, uploadId));

    await cancelUpload(file, {
      purpose: 'video',
      workspaceId: team.workspaceId,
      resumeStore,
      baseUrl: api.url,
      fetch: fetchAs(team.owner.id),
    });
    expect(resumeStore.get(fingerprint)).toBeNull();
    expect(await db.select().from(mediaObjects).where(eq(mediaObjects.id, uploadId))).toEqual([]);
    expect(await storage.head(row!.key)).toBeNull();
    if (handle.root) expect(await readdir(path.join(handle.root, '.multipart'))).toEqual([]);
  });

  it('prunes uploads abandoned past their expiry, parts and all', async () => {
    const yesterday = new Date(Date.now() - 25 * 60 * 60 * 1000);
    const session = await createUpload(db, storage, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      purpose: 'video',
      fileName: 'abandoned.mp4',
      contentType: 'video/mp4',
      size: 9 * MiB,
      now: yesterday,
    });
    const [upload] = await db.select().from(mediaUploads).where(eq(mediaUploads.mediaId, session.id));
    const [row] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, session.id));
    await storage.uploadPart({
      key: row!.key,
      uploadId: upload!.storageUploadId!,
      partNumber: 1,
      body: randomBytes(8 * MiB),
      contentLength: 8 * MiB,
    });
    // A server-side write that died mid-way a day ago: a row without an upload, bytes maybe stored.
    const [stranded] = await db
      .insert(mediaObjects)
      .values({
        workspaceId: team.workspaceId,
        key: `media/${team.workspaceId}/dm_inbound/stranded.jpg`,
        purpose: 'dm_inbound',
        fileName: 'stranded.jpg',
        contentType: 'image/jpeg',
        size: 0,
        updatedAt: yesterday,
      })
      .returning();
    await storage.put(stranded!.key, 'partial');
    const result = await pruneAbandonedUploads(db, storage);
    expect(result.discarded).toBeGreaterThanOrEqual(2);
    expect(await db.select().from(mediaObjects).where(eq(mediaObjects.id, stranded!.id))).toEqual([]);
    expect(await storage.head(stranded!.key)).toBeNull();
    expect(await db.select().from(mediaObjects).where(eq(mediaObjects.id, session.id))).toEqual([]);
    if (handle.root) expect(await readdir(path.join(handle.root, '.multipart'))).toEqual([]);
  });

  it('answers 404 to anyone but the member who started an upload, and 403 to a role that may not', async () => {
    const session = (await (
      await startUpload(team.owner.id, team.workspaceId, {
        purpose: 'video',
        fileName: 'mine.mp4',
        contentType: 'video/mp4',
        size: 1000,
      })
    ).json()) as { upload: { id: string } };
    for (const stranger of [team.agents[0]!.id, otherTeam.owner.id]) {
      for (const [method, tail] of [
        ['GET', ''],
        ['POST', '/complete'],
        ['DELETE', ''],
      ] as const) {
        const response = await fetchAs(stranger)(`${api.url}/api/uploads/${session.upload.id}${tail}`, {
          method,
        });
        expect(response.status, `${method} ${tail} by ${stranger}`).toBe(404);
      }
    }
    const agentVideo = await startUpload(team.agents[0]!.id, team.workspaceId, {
      purpose: 'video',
      fileName: 'v.mp4',
      contentType: 'video/mp4',
      size: 1000,
    });
    expect(agentVideo.status).toBe(403);
    const foreignWorkspace = await startUpload(otherTeam.owner.id, team.workspaceId, {
      purpose: 'photo',
      fileName: 'p.jpg',
      contentType: 'image/jpeg',
      size: 1000,
    });
    expect(foreignWorkspace.status).toBe(404);
  });
});
