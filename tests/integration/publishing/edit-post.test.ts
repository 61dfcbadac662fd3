import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, posts, postTargets } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createPost } from '@/lib/publishing/create-post';
import type { PostInput } from '@/lib/publishing/post-input';
import { updatePost } from '@/lib/publishing/update-post';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { buildTestMp4 } from '@/tests/helpers/build-test-video';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { hasPostgres } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { createTestStorage, type TestStorage } from '@/tests/helpers/test-storage';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import {
  drive,
  getTarget,
  publishingRegistry,
  startMediaServer,
  storeMedia,
} from './support/publishing-harness';

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

async function creator() {
  const { id, user } = await connectTestAccount(db, stack.sandbox, {
    kind: 'creator',
    workspaceId: team.workspaceId,
    userId: team.owner.id,
  });
  return { accountId: id, sandboxUserId: user!.id };
}

async function video() {
  return storeMedia(db, storage, {
    workspaceId: team.workspaceId,
    bytes: buildTestMp4({ durationSeconds: 10, totalBytes: 2 * MB }),
    contentType: 'video/mp4',
    purpose: 'video',
  });
}

const scope = () => ({ workspaceId: team.workspaceId, userId: team.owner.id });
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();

async function scheduled(accountId: string, mediaId: string): Promise<PostInput & { postId: string }> {
  const input: PostInput = {
    kind: 'video',
    mode: 'direct',
    mediaIds: [mediaId],
    caption: 'First draft of the caption',
    scheduledAt: inDays(3),
    targets: [{ accountId, settings: SETTINGS }],
  };
  const post = await createPost(db, { ...scope(), input });
  return { ...input, postId: post.id };
}

async function targetsOf(postId: string) {
  return db.select().from(postTargets).where(eq(postTargets.postId, postId));
}

describe('editing a scheduled post', () => {
  it('changes caption, settings and time; the new version is what TikTok receives', async () => {
    const who = await creator();
    const { postId, ...input } = await scheduled(who.accountId, await video());
    const [oldTarget] = await targetsOf(postId);

    const newTime = inDays(5);
    const edited = await updatePost(db, {
      ...scope(),
      postId,
      input: {
        ...input,
        caption: 'The final caption #edited',
        scheduledAt: newTime,
        targets: [{ accountId: who.accountId, settings: { ...SETTINGS, allowComment: false } }],
      },
    });
    expect(edited).toMatchObject({ caption: 'The final caption #edited', status: 'scheduled' });
    expect(edited.scheduledAt?.toISOString()).toBe(new Date(newTime).toISOString());
    const [target] = await targetsOf(postId);
    expect(target).toMatchObject({ stage: 'scheduled', settings: { allowComment: false } });
    // The job runs at the new time.
    const pending = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.workspaceId, team.workspaceId), eq(jobs.status, 'pending')));
    const job = pending.find((j) => (j.payload as { targetId?: string }).targetId === target!.id);
    expect(job?.runAt.toISOString()).toBe(new Date(newTime).toISOString());

    // Edited again to post now: the old version's job finds nothing to send, the new one publishes.
    await updatePost(db, {
      ...scope(),
      postId,
      input: { ...input, caption: 'Now, not later', scheduledAt: null },
    });
    const [now] = await targetsOf(postId);
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    expect((await drive(db, registry, now!.id)).stage).toBe('published');
    expect(await db.select().from(postTargets).where(eq(postTargets.id, oldTarget!.id))).toHaveLength(0);
    const sandboxPosts = (await (await fetch(`${stack.sandbox.url}/_sandbox/posts`)).json()) as {
      posts: { userId: string; title: string }[];
    };
    const mine = sandboxPosts.posts.filter((p) => p.userId === who.sandboxUserId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title).toBe('Now, not later');
  });

  it('refuses once a target has started, after posting, and with invalid input', async () => {
    const who = await creator();
    const { postId, ...input } = await scheduled(who.accountId, await video());
    await expect(
      updatePost(db, { ...scope(), postId, input: { ...input, caption: 'x'.repeat(2201) } }),
    ).rejects.toMatchObject({ code: 'unprocessable_entity' });
    await expect(
      updatePost(db, { ...scope(), postId, input: { ...input, scheduledAt: inDays(-1) } }),
    ).rejects.toMatchObject({ code: 'unprocessable_entity' });

    // The job started initialising (the scheduled time came): the post is TikTok's now.
    const [target] = await targetsOf(postId);
    await db.update(postTargets).set({ initStartedAt: new Date() }).where(eq(postTargets.id, target!.id));
    await expect(
      updatePost(db, { ...scope(), postId, input: { ...input, caption: 'Too late' } }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await getTarget(db, target!.id)).id).toBe(target!.id);

    const posted = await createPost(db, { ...scope(), input: { ...input, scheduledAt: null } });
    await expect(
      updatePost(db, { ...scope(), postId: posted.id, input: { ...input, caption: 'Too late' } }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const [unchanged] = await db.select().from(posts).where(eq(posts.id, postId));
    expect(unchanged!.caption).toBe('First draft of the caption');
  });

  it('is tenant-scoped: another workspace cannot edit this post or use its media', async () => {
    const who = await creator();
    const { postId, ...input } = await scheduled(who.accountId, await video());
    const other = await createWorkspaceWithMembers(db);
    await expect(
      updatePost(db, { workspaceId: team.workspaceId, userId: other.owner.id, postId, input }),
    ).rejects.toMatchObject({ code: 'not_found' });
    // Another workspace's own (valid) input still does not reach this post.
    const theirs = await connectTestAccount(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: other.workspaceId,
      userId: other.owner.id,
    });
    const theirVideo = await storeMedia(db, storage, {
      workspaceId: other.workspaceId,
      bytes: buildTestMp4({ durationSeconds: 10, totalBytes: 2 * MB }),
      contentType: 'video/mp4',
      purpose: 'video',
    });
    await expect(
      updatePost(db, {
        workspaceId: other.workspaceId,
        userId: other.owner.id,
        postId,
        input: {
          ...input,
          mediaIds: [theirVideo],
          targets: [{ accountId: theirs.id, settings: SETTINGS }],
        },
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const [unchanged] = await db.select().from(posts).where(eq(posts.id, postId));
    expect(unchanged!.caption).toBe('First draft of the caption');
  });
});
