import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, liveEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createPost } from '@/lib/publishing/create-post';
import type { PostInput } from '@/lib/publishing/post-input';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { setClockOffset } from '@/lib/time/clock';
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
  deliverPublishWebhooks,
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
  // Before anything reads env: the app's public URL is where the sandbox pulls from, and it is verified.
  process.env.APP_URL = mediaServer.url;
  process.env.TIKTOK_VERIFIED_URL_PREFIXES = `${mediaServer.url}/api/media/`;
  stack = await startTikTokStack();
  testDb = await createTestDb(hasPostgres ? 'postgres' : 'pglite');
  db = testDb.db;
  store = await createTestStorage('local');
  storage = store.storage;
  team = await createWorkspaceWithMembers(db);
  await control('apps/login-kit', { verifiedUrlPrefixes: [`${mediaServer.url}/api/media/`] });
}, 60_000);
afterAll(async () => {
  setClockOffset(0);
  await testDb?.drop();
  await store?.close();
  await stack?.close();
  await mediaServer?.close();
});

function control(path: string, body?: unknown) {
  return fetch(
    `${stack.sandbox.url}/_sandbox/${path}`,
    body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) },
  );
}

type SandboxPost = {
  publishId: string;
  userId: string;
  status: string;
  failReason: string | null;
  mode: string;
  media: string;
  source: string;
  privacyLevel: string | null;
  title: string;
};
async function sandboxPosts(userId: string): Promise<SandboxPost[]> {
  const { posts } = (await (await control('posts')).json()) as { posts: SandboxPost[] };
  return posts.filter((post) => post.userId === userId);
}

async function requests(endpoint: string) {
  const body = (await (await control(`requests?endpoint=${endpoint}&limit=500`)).json()) as {
    requests: { status: number; fault: boolean }[];
  };
  return body.requests;
}

/** A fresh creator connected to the workspace (each test gets its own token, buckets and posts). */
async function creator(flags: Record<string, unknown> = {}) {
  const { id, user } = await connectTestAccount(db, stack.sandbox, {
    kind: 'creator',
    workspaceId: team.workspaceId,
    userId: team.owner.id,
  });
  if (Object.keys(flags).length > 0) await control(`users/${user!.id}/flags`, flags);
  return { accountId: id, sandboxUserId: user!.id, openId: user!.openId };
}

const SETTINGS = {
  privacyLevel: 'SELF_ONLY',
  allowComment: true,
  allowDuet: false,
  allowStitch: false,
  disclosure: { enabled: false, yourBrand: false, brandedContent: false },
  isAigc: false,
};

async function post(accountId: string, input: Partial<PostInput> & { mediaIds: string[] }) {
  const created = await createPost(db, {
    workspaceId: team.workspaceId,
    userId: team.owner.id,
    input: {
      kind: 'video',
      mode: 'direct',
      caption: 'Launch day #tokdesk 🚀',
      targets: [{ accountId, settings: SETTINGS }],
      ...input,
    },
  });
  const [job] = await db
    .select()
    .from(jobs)
    .where(eq(jobs.workspaceId, team.workspaceId))
    .orderBy(jobs.createdAt);
  expect(job).toBeTruthy();
  const { postTargets } = await import('@/lib/db/schema');
  const [target] = await db.select().from(postTargets).where(eq(postTargets.postId, created.id));
  return target!;
}

async function video(seconds = 20, bytes = 16 * MB) {
  return storeMedia(db, storage, {
    workspaceId: team.workspaceId,
    bytes: buildTestMp4({ durationSeconds: seconds, totalBytes: bytes }),
    contentType: 'video/mp4',
    purpose: 'video',
  });
}

describe('publishing pipeline against the sandbox', () => {
  it('multi-chunk FILE_UPLOAD direct post: streamed in TikTok’s chunk plan, progress persisted, published', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.clearRequests();
    const target = await post(who.accountId, { mediaIds: [await video()] });
    const done = await drive(db, registry, target.id);
    expect(done).toMatchObject({
      stage: 'published',
      uploadedBytes: 16 * MB,
      chunkSize: 5 * MB,
      totalChunkCount: 3,
      initCount: 1,
    });
    expect(done.publishId).toMatch(/^v_pub_file~/);
    expect((await requests('upload.chunk')).map((r) => r.status)).toEqual([206, 206, 201]);
    expect(await stack.requestCount('open-api.video.init')).toBe(1);
    const [sandboxPost] = await sandboxPosts(who.sandboxUserId);
    expect(sandboxPost).toMatchObject({
      status: 'PUBLISH_COMPLETE',
      privacyLevel: 'SELF_ONLY',
      title: 'Launch day #tokdesk 🚀',
    });
    // Every stage change reached the live feed (progress per chunk).
    const events = await db
      .select()
      .from(liveEvents)
      .where(and(eq(liveEvents.workspaceId, team.workspaceId), eq(liveEvents.type, 'post.target_changed')));
    const percents = events.map((e) => (e.data as { uploadedPercent: number | null }).uploadedPercent);
    expect(percents).toContain(31);
    expect(percents).toContain(62);
  });

  it('the composer’s creator_info, then a 25 MB video in one chunk (≤ 64,000,000 bytes)', async () => {
    const who = await creator();
    const { getComposerCreator } = await import('@/lib/publishing/get-composer-creator');
    const info = await getComposerCreator(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      accountId: who.accountId,
      redis: stack.redis,
    });
    expect(info.nickname).toBeTruthy();
    const registry = publishingRegistry({ storage, chunkBytes: 64 * MB });
    const target = await post(who.accountId, { mediaIds: [await video(15, 25 * MB)] });
    const done = await drive(db, registry, target.id, { rounds: 10 });
    expect(done).toMatchObject({ stage: 'published', totalChunkCount: 1, chunkSize: 25 * MB });
  });

  it('a fault mid-upload resumes from the last acknowledged byte without re-sending acknowledged chunks', async () => {
    const who = await creator();
    // One chunk per run, so the fault lands on the second chunk.
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB, sliceMs: 0 });
    await stack.clearRequests();
    const target = await post(who.accountId, { mediaIds: [await video()] });
    await drive(db, registry, target.id, { until: () => false, rounds: 1 });
    expect((await getTarget(db, target.id)).uploadedBytes).toBe(5 * MB);
    // TikTok stores chunk 2, then the connection drops before we hear it: we must not trust our count.
    await stack.addFault({ endpoint: 'upload.chunk', after: true, drop: true, count: 1 });
    const done = await drive(db, registry, target.id);
    expect(done.stage).toBe('published');
    const log = await requests('upload.chunk');
    // chunk 1 (206), chunk 2 (dropped after TikTok kept it), chunk 2 again → 416 (TikTok already has it,
    // we resynchronise from its Content-Range), chunk 3 (201). Chunk 1 was sent exactly once.
    expect(log.map((r) => (r.fault ? 'fault' : r.status))).toEqual([206, 'fault', 416, 201]);
    expect(await stack.requestCount('open-api.video.init')).toBe(1);
  });

  it('a 5xx on a chunk is retried from the same chunk', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB, sliceMs: 0 });
    await stack.clearRequests();
    const target = await post(who.accountId, { mediaIds: [await video()] });
    await drive(db, registry, target.id, { until: () => false, rounds: 1 });
    await stack.addFault({ endpoint: 'upload.chunk', status: 503, count: 1 });
    expect((await drive(db, registry, target.id)).stage).toBe('published');
    expect((await requests('upload.chunk')).map((r) => r.status)).toEqual([206, 503, 206, 201]);
  });

  it('an init answer lost after TikTok accepted it (FILE_UPLOAD) still makes exactly one post', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.addFault({ endpoint: 'open-api.video.init', after: true, drop: true, count: 1 });
    const target = await post(who.accountId, { mediaIds: [await video()] });
    const done = await drive(db, registry, target.id);
    expect(done).toMatchObject({ stage: 'published', initCount: 2 });
    const posts = await sandboxPosts(who.sandboxUserId);
    // TikTok holds the orphan too, but it never received a byte, so it can never publish.
    expect(posts).toHaveLength(2);
    expect(posts.filter((p) => p.status === 'PUBLISH_COMPLETE')).toHaveLength(1);
    expect(posts.find((p) => p.publishId !== done.publishId)?.status).toBe('PROCESSING_UPLOAD');
  });

  it('a crash between init and upload does not init again: the stored publish_id is resumed', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.clearRequests();
    await stack.addFault({ endpoint: 'upload.chunk', drop: true, count: 1 });
    const target = await post(who.accountId, { mediaIds: [await video()] });
    const done = await drive(db, registry, target.id);
    expect(done).toMatchObject({ stage: 'published', initCount: 1 });
    expect(await stack.requestCount('open-api.video.init')).toBe(1);
    expect(await sandboxPosts(who.sandboxUserId)).toHaveLength(1);
  });

  it('PULL_FROM_URL from the verified prefix through a signed media URL', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    const target = await post(who.accountId, {
      mediaIds: [await video(10, 2 * MB)],
      source: 'PULL_FROM_URL',
    });
    const done = await drive(db, registry, target.id);
    expect(done.stage).toBe('published');
    expect(done.publishId).toMatch(/^v_pub_url~/);
    expect(done).toMatchObject({ uploadUrl: null, totalChunkCount: null });
    expect((await sandboxPosts(who.sandboxUserId))[0]).toMatchObject({
      source: 'PULL_FROM_URL',
      status: 'PUBLISH_COMPLETE',
    });
  });

  it('a lost PULL_FROM_URL init is never sent again: the webhook naming the orphan resolves it', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.clearRequests();
    await stack.addFault({ endpoint: 'open-api.video.init', after: true, drop: true, count: 1 });
    const target = await post(who.accountId, {
      mediaIds: [await video(10, 2 * MB)],
      source: 'PULL_FROM_URL',
    });
    const waiting = await drive(db, registry, target.id, { until: (stage) => stage === 'init_unknown' });
    expect(waiting.publishId).toBeNull();
    const seen = new Set<string>();
    const done = await drive(db, registry, target.id, {
      between: async () => {
        await deliverPublishWebhooks(stack.sandbox, db, who.openId, seen);
      },
    });
    expect(done.stage).toBe('published');
    const posts = await sandboxPosts(who.sandboxUserId);
    expect(posts).toHaveLength(1);
    expect(done.publishId).toBe(posts[0]?.publishId);
    expect(await stack.requestCount('open-api.video.init')).toBe(1);
  });

  it('inbox draft: no caption, ends at SEND_TO_USER_INBOX', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    const target = await post(who.accountId, {
      mediaIds: [await video(10, 3 * MB)],
      mode: 'inbox',
      caption: '',
    });
    const done = await drive(db, registry, target.id);
    expect(done).toMatchObject({ stage: 'inbox', tiktokStatus: 'SEND_TO_USER_INBOX' });
    expect((await sandboxPosts(who.sandboxUserId))[0]).toMatchObject({
      mode: 'inbox',
      status: 'SEND_TO_USER_INBOX',
    });
    await expect(
      post(who.accountId, { mediaIds: [await video(10, 3 * MB)], mode: 'inbox', caption: 'not allowed' }),
    ).rejects.toMatchObject({ code: 'unprocessable_entity' });
  });

  it('photo post by content/init, pulled from signed URLs', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(2000, 1),
      Buffer.from([0xff, 0xd9]),
    ]);
    const photos = [
      await storeMedia(db, storage, {
        workspaceId: team.workspaceId,
        bytes: jpeg,
        contentType: 'image/jpeg',
        purpose: 'photo',
      }),
      await storeMedia(db, storage, {
        workspaceId: team.workspaceId,
        bytes: jpeg,
        contentType: 'image/jpeg',
        purpose: 'photo',
      }),
    ];
    const target = await post(who.accountId, {
      kind: 'photo',
      mediaIds: photos,
      caption: 'Two shots',
      description: 'Behind the scenes',
    });
    const done = await drive(db, registry, target.id);
    expect(done.stage).toBe('published');
    expect(done.publishId).toMatch(/^p_pub_url~/);
    expect((await sandboxPosts(who.sandboxUserId))[0]).toMatchObject({
      media: 'photo',
      status: 'PUBLISH_COMPLETE',
    });
  });

  it.each([
    ['spam_risk_text', 'failed', 1],
    ['auth_removed', 'failed', 1],
    ['duration_check_failed', 'failed', 1],
    ['internal', 'published', 2],
    ['video_pull_failed', 'published', 2],
  ])('fail_reason %s → %s after %s init(s)', async (failReason, stage, inits) => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await control('posts/arm', { openId: who.openId, failReason, count: 1 });
    const target = await post(who.accountId, { mediaIds: [await video(10, 2 * MB)] });
    const done = await drive(db, registry, target.id);
    expect(done).toMatchObject({ stage, initCount: inits });
    if (stage === 'failed') {
      expect(done.failReason).toBe(failReason);
      expect(done.failMessage).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('creator_info refusals stop the post before any init (banned creator)', async () => {
    const who = await creator({ bannedFromPosting: true });
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.clearRequests();
    const target = await post(who.accountId, { mediaIds: [await video(10, 2 * MB)] });
    const done = await drive(db, registry, target.id);
    expect(done).toMatchObject({
      stage: 'failed',
      failReason: 'spam_risk_user_banned_from_posting',
      initCount: 0,
    });
    expect(await stack.requestCount('open-api.video.init')).toBe(0);
  });

  it('a video longer than the creator may post is refused before anything goes to TikTok', async () => {
    const who = await creator({ maxVideoPostDurationSec: 60 });
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.clearRequests();
    const target = await post(who.accountId, { mediaIds: [await video(61, 2 * MB)] });
    const done = await drive(db, registry, target.id);
    expect(done.stage).toBe('failed');
    expect(done.failMessage).toContain('this account allows at most 1 min');
    expect(await stack.requestCount('open-api.video.init')).toBe(0);
  });

  it('429 on init snoozes instead of failing, and exactly one post results', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await stack.addFault({
      endpoint: 'open-api.video.init',
      status: 429,
      errorCode: 'rate_limit_exceeded',
      count: 1,
    });
    const target = await post(who.accountId, { mediaIds: [await video(10, 2 * MB)] });
    const first = await drive(db, registry, target.id, { rounds: 1, until: () => false });
    expect(first).toMatchObject({ stage: 'queued', initStartedAt: null, publishId: null });
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `publish-target:${target.id}:1`));
    expect(job).toMatchObject({ status: 'pending', attempts: 0 });
    expect(job!.snoozes).toBeGreaterThanOrEqual(1);
    // The limiter holds the token's init bucket cut for a while after a 429: let that time pass.
    setClockOffset(10 * 60_000);
    try {
      const done = await drive(db, registry, target.id);
      expect(done).toMatchObject({ stage: 'published', failReason: null, initCount: 1 });
    } finally {
      setClockOffset(0);
    }
    expect(await sandboxPosts(who.sandboxUserId)).toHaveLength(1);
  });

  it('a status that never completes ends as unconfirmed after a day, not polled forever', async () => {
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await control('posts/arm', { openId: who.openId, stall: true, count: 1 });
    const target = await post(who.accountId, { mediaIds: [await video(10, 2 * MB)] });
    const processing = await drive(db, registry, target.id, {
      until: (stage) => stage === 'processing',
      rounds: 20,
    });
    expect(processing.stage).toBe('processing');
    await drive(db, registry, target.id, { rounds: 3, until: () => false });
    expect((await getTarget(db, target.id)).stage).toBe('processing');
    setClockOffset(25 * 3600_000);
    try {
      const done = await drive(db, registry, target.id, { rounds: 5 });
      expect(done.stage).toBe('unconfirmed');
      expect(done.failMessage).toContain('Check the TikTok app');
    } finally {
      setClockOffset(0);
    }
  });

  it('refuses a business account, another workspace’s media and an unchosen privacy level', async () => {
    const business = await connectTestAccount(db, stack.sandbox, {
      kind: 'business',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
    const media = await video(10, 2 * MB);
    await expect(post(business.id, { mediaIds: [media] })).rejects.toMatchObject({
      message: expect.stringContaining('creator accounts'),
    });
    const other = await createWorkspaceWithMembers(db);
    const foreign = await storeMedia(db, storage, {
      workspaceId: other.workspaceId,
      bytes: buildTestMp4({ durationSeconds: 5 }),
      contentType: 'video/mp4',
      purpose: 'video',
    });
    const who = await creator();
    await expect(post(who.accountId, { mediaIds: [foreign] })).rejects.toMatchObject({
      code: 'unprocessable_entity',
    });
    await expect(
      createPost(db, {
        workspaceId: team.workspaceId,
        userId: team.owner.id,
        input: {
          kind: 'video',
          mode: 'direct',
          mediaIds: [media],
          targets: [{ accountId: who.accountId, settings: { ...SETTINGS, privacyLevel: null } }],
        },
      }),
    ).rejects.toMatchObject({ message: 'Choose who can see this post.' });
  });

  it('a scheduled post: on the calendar of its local day, cancellable before it starts; Retry starts a failed one again', async () => {
    const { listPosts } = await import('@/lib/publishing/list-posts');
    const { buildCalendar } = await import('@/lib/publishing/calendar-grid');
    const { cancelPost } = await import('@/lib/publishing/cancel-post');
    const { retryTarget } = await import('@/lib/publishing/retry-target');
    const who = await creator();
    const at = new Date(Date.now() + 3 * 24 * 3600_000);
    const target = await post(who.accountId, {
      mediaIds: [await video(10, 2 * MB)],
      scheduledAt: at.toISOString(),
    });
    expect(target.stage).toBe('scheduled');
    const zone = 'America/Los_Angeles';
    const { dayKey } = await import('@/lib/publishing/calendar-grid');
    const week = buildCalendar(dayKey(at, zone), 'week', zone);
    const scope = { workspaceId: team.workspaceId, userId: team.owner.id };
    const inWeek = await listPosts(db, { ...scope, between: { from: week.from, to: week.to } });
    expect(inWeek.map((p) => p.targets[0]?.id)).toContain(target.id);
    const nextWeek = buildCalendar(week.next, 'week', zone);
    const later = await listPosts(db, { ...scope, between: { from: nextWeek.from, to: nextWeek.to } });
    expect(later.map((p) => p.targets[0]?.id)).not.toContain(target.id);

    await cancelPost(db, { ...scope, postId: target.postId });
    expect((await getTarget(db, target.id)).stage).toBe('cancelled');
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    await drive(db, registry, target.id, { rounds: 2 });
    expect((await getTarget(db, target.id)).stage).toBe('cancelled');

    // Another workspace cannot cancel or retry this workspace's posts.
    const other = await createWorkspaceWithMembers(db);
    await expect(
      cancelPost(db, { workspaceId: other.workspaceId, userId: other.owner.id, postId: target.postId }),
    ).rejects.toMatchObject({ code: 'not_found' });

    await control('posts/arm', { openId: who.openId, failReason: 'spam_risk_too_many_posts', count: 1 });
    const failing = await post(who.accountId, { mediaIds: [await video(10, 2 * MB)] });
    expect((await drive(db, registry, failing.id)).stage).toBe('failed');
    await expect(
      retryTarget(db, { workspaceId: other.workspaceId, userId: other.owner.id, targetId: failing.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await retryTarget(db, { ...scope, targetId: failing.id });
    const retried = await drive(db, registry, failing.id);
    expect(retried).toMatchObject({ stage: 'published', runCount: 2 });
  });

  it('cancel while TikTok is still pulling: the download stops and the post ends cancelled', async () => {
    const { cancelTargetPull } = await import('@/lib/publishing/cancel-target-pull');
    const who = await creator();
    const registry = publishingRegistry({ storage, chunkBytes: 5 * MB });
    const release = mediaServer.holdPulls();
    const target = await post(who.accountId, {
      mediaIds: [await video(10, 2 * MB)],
      source: 'PULL_FROM_URL',
    });
    expect((await drive(db, registry, target.id, { until: (stage) => stage === 'processing' })).stage).toBe(
      'processing',
    );
    const scope = { workspaceId: team.workspaceId, userId: team.owner.id, redis: stack.redis };
    const other = await createWorkspaceWithMembers(db);
    await expect(
      cancelTargetPull(db, {
        ...scope,
        workspaceId: other.workspaceId,
        userId: other.owner.id,
        targetId: target.id,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const cancelled = await cancelTargetPull(db, { ...scope, targetId: target.id }).finally(release);
    expect(cancelled).toMatchObject({ stage: 'failed', failReason: 'publish_cancelled' });
    const [sandboxPost] = await sandboxPosts(who.sandboxUserId);
    expect(sandboxPost).toMatchObject({ status: 'FAILED', failReason: 'publish_cancelled' });
  });
});
