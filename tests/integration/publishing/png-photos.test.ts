import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaObjects, posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createPost } from '@/lib/publishing/create-post';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { hasPostgres } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { createTestStorage, type TestStorage } from '@/tests/helpers/test-storage';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import { drive, publishingRegistry, startMediaServer, storeMedia } from './support/publishing-harness';

const MB = 1_000_000;
let stack: TikTokStack;
let testDb: TestDb;
let db: Db;
let store: TestStorage;
let storage: ObjectStorage;
let team: WorkspaceWithMembers;
let mediaServer: Awaited<ReturnType<typeof startMediaServer>>;

beforeAll(async () => {
  mediaServer = await startMediaServer(() => ({ db, storage }));
  process.env.APP_URL = mediaServer.url;
  process.env.TIKTOK_VERIFIED_URL_PREFIXES = `${mediaServer.url}/api/media/`;
  stack = await startTikTokStack();
  testDb = await createTestDb(hasPostgres ? 'postgres' : 'pglite');
  db = testDb.db;
  store = await createTestStorage('local');
  storage = store.storage;
  team = await createWorkspaceWithMembers(db);
  await fetch(`${stack.sandbox.url}/_sandbox/apps/login-kit`, {
    method: 'POST',
    body: JSON.stringify({ verifiedUrlPrefixes: [`${mediaServer.url}/api/media/`] }),
  });
}, 60_000);
afterAll(async () => {
  await testDb?.drop();
  await store?.close();
  await stack?.close();
  await mediaServer?.close();
});

const SETTINGS = {
  privacyLevel: 'SELF_ONLY',
  allowComment: true,
  allowDuet: false,
  allowStitch: false,
  disclosure: { enabled: false, yourBrand: false, brandedContent: false },
  isAigc: false,
};

/** A real PNG with transparency, as a screenshot or design tool exports it. */
function png() {
  return sharp({
    create: { width: 1080, height: 1350, channels: 4, background: { r: 255, g: 80, b: 0, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
}

async function photo(bytes: Buffer, contentType: string) {
  return storeMedia(db, storage, { workspaceId: team.workspaceId, bytes, contentType, purpose: 'photo' });
}

describe('PNG photos are posted as JPEG', () => {
  it('converts each PNG to a new JPEG media object, keeps the order, and TikTok accepts the post', async () => {
    const { id: accountId, user } = await connectTestAccount(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
    const pngId = await photo(await png(), 'image/png');
    const jpegId = await photo(
      await sharp({ create: { width: 800, height: 800, channels: 3, background: '#0af' } })
        .jpeg()
        .toBuffer(),
      'image/jpeg',
    );
    const post = await createPost(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      storage,
      input: {
        kind: 'photo',
        mode: 'direct',
        mediaIds: [pngId, jpegId],
        caption: 'Screenshots',
        coverIndex: 0,
        targets: [{ accountId, settings: SETTINGS }],
      },
    });
    expect(post.mediaIds).toHaveLength(2);
    expect(post.mediaIds[1]).toBe(jpegId);
    expect(post.mediaIds[0]).not.toBe(pngId);
    const [converted] = await db.select().from(mediaObjects).where(eq(mediaObjects.id, post.mediaIds[0]!));
    expect(converted).toMatchObject({
      workspaceId: team.workspaceId,
      purpose: 'photo',
      contentType: 'image/jpeg',
      fileName: 'photo.jpg',
      status: 'ready',
      createdBy: team.owner.id,
    });
    const stored = await storage.get(converted!.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stored.body) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(converted!.size).toBe(bytes.length);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1080, height: 1350 });
    // The original PNG is untouched (other posts may use it).
    expect((await db.select().from(mediaObjects).where(eq(mediaObjects.id, pngId)))[0]?.contentType).toBe(
      'image/png',
    );

    // The sandbox refuses PNG (file_format_check_failed), as TikTok does: this post publishes.
    const [target] = await db.select().from(postTargets).where(eq(postTargets.postId, post.id));
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    const done = await drive(db, registry, target!.id);
    expect(done).toMatchObject({ stage: 'published', failReason: null });
    const sandbox = (await (await fetch(`${stack.sandbox.url}/_sandbox/posts`)).json()) as {
      posts: { userId: string; media: string; status: string }[];
    };
    expect(sandbox.posts.filter((p) => p.userId === user!.id)).toMatchObject([
      { media: 'photo', status: 'PUBLISH_COMPLETE' },
    ]);
  });

  it('a file that claims to be PNG but is not: a clear error, no post and no stray media', async () => {
    const { id: accountId } = await connectTestAccount(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
    const broken = await photo(Buffer.from('not really a png at all'), 'image/png');
    const before = await db.select().from(mediaObjects).where(eq(mediaObjects.workspaceId, team.workspaceId));
    const postsBefore = await db.select().from(posts).where(eq(posts.workspaceId, team.workspaceId));
    await expect(
      createPost(db, {
        workspaceId: team.workspaceId,
        userId: team.owner.id,
        storage,
        input: {
          kind: 'photo',
          mode: 'direct',
          mediaIds: [broken],
          targets: [{ accountId, settings: SETTINGS }],
        },
      }),
    ).rejects.toMatchObject({
      code: 'unprocessable_entity',
      message: expect.stringMatching(/Photo 1 .*JPEG/),
    });
    expect(
      await db.select().from(mediaObjects).where(eq(mediaObjects.workspaceId, team.workspaceId)),
    ).toHaveLength(before.length);
    expect(await db.select().from(posts).where(eq(posts.workspaceId, team.workspaceId))).toHaveLength(
      postsBefore.length,
    );
  });
});
