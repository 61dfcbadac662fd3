import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { creatorDaySnapshots, reportFiles, reportRunAccounts, videoDaySnapshots } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { REPORT_COLUMNS } from '@/lib/reports/report-columns';
import { localDate } from '@/lib/reports/report-dates';
import { streamReportCsv } from '@/lib/reports/stream-report-csv';
import { now } from '@/lib/time/clock';
import type { SandboxUser } from '@/sandbox/core/users';
import { creatorStats } from '@/sandbox/open-api/creator-stats';
import { makeVideo } from '@/sandbox/open-api/make-video';
import { videoStats } from '@/sandbox/open-api/video-stats';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { connectTestAccount } from '@/tests/helpers/connect-flow';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { createTestStorage, TEST_STORAGE_KINDS, type TestStorage } from '@/tests/helpers/test-storage';
import { startTikTokStack, type TikTokStack } from '@/tests/helpers/tiktok-stack';
import { resetClocks, travelInTime } from '@/tests/helpers/time-travel';
import { readObject, runReportsNow, workspaceSlug } from './report-stack';

let stack: TikTokStack;
beforeAll(async () => {
  stack = await startTikTokStack();
});
afterAll(async () => {
  await stack.close();
});

const TRICKY_TITLE = 'Tricky, "quoted"\nline 🎉 ünïcode';
// Each store once, paired with a database kind (the database does not change what is written).
const RUNS = TEST_STORAGE_KINDS.map((storage, i) => ({
  storage,
  db: TEST_DB_KINDS[i % TEST_DB_KINDS.length]!,
}));

describe.each(RUNS)('creator reports on $storage storage ($db)', ({ storage: storageKind, db: dbKind }) => {
  let testDb: TestDb;
  let db: Db;
  let store: TestStorage;
  let team: WorkspaceWithMembers;
  let slug: string;
  let creator: SandboxUser;
  let accountId: string;

  beforeAll(async () => {
    testDb = await createTestDb(dbKind);
    db = testDb.db;
    store = await createTestStorage(storageKind);
    team = await createWorkspaceWithMembers(db);
    slug = await workspaceSlug(db, team.workspaceId);
    const created = Math.floor(stack.sandbox.ctx.clock.nowMs() / 1000);
    creator = stack.sandbox.ctx.users.create(
      { kind: 'creator', stats: { followers: 50_000, following: 12, likes: 400_000, videos: 0 } },
      stack.sandbox.ctx.clock.nowMs(),
    );
    const publicUrl = stack.sandbox.url;
    creator.videos = [
      makeVideo({ user: creator, publicUrl, createTime: created - 3 * 86_400, title: 'Oldest one' }),
      makeVideo({ user: creator, publicUrl, createTime: created - 2 * 86_400, title: TRICKY_TITLE }),
      makeVideo({ user: creator, publicUrl, createTime: created - 86_400, title: 'Newest, with comma' }),
    ];
    ({ id: accountId } = await connectTestAccount(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      sandboxUserId: creator.id,
    }));
  });
  afterEach(() => {
    resetClocks(stack.sandbox);
  });
  afterAll(async () => {
    resetClocks(stack.sandbox);
    await store?.close();
    await testDb?.drop();
  });

  const fileKey = (day: string) =>
    `reports/${slug}/creator/${accountId}/dt=${day}/creator_${accountId}_${day}.csv`;
  const manifestKey = (day: string) => `reports/${slug}/_manifests/dt=${day}/_manifest.json`;
  const records = (bytes: Buffer) => parse(bytes, { columns: true, bom: false }) as Record<string, string>[];

  it('snapshots every video, writes an RFC 4180 file and a manifest whose checksums match, and derives changes the next day', async () => {
    const firstAt = stack.sandbox.ctx.clock.nowMs();
    const day1 = localDate(now(), 'UTC');
    const first = await runReportsNow(db, store.storage, team.workspaceId);
    expect(first.run.status).toBe('succeeded');
    expect(first.parts).toMatchObject([{ accountId, status: 'succeeded', rows: 3, error: null }]);

    const csv1 = await readObject(store.storage, fileKey(day1));
    const text1 = csv1.toString('utf8');
    expect(text1.split('\r\n')[0]).toBe(REPORT_COLUMNS.creator.join(','));
    // Quotes doubled, the field quoted because of the comma, quote and line break; emoji kept as UTF-8.
    expect(text1).toContain('"Tricky, ""quoted""\nline 🎉 ünïcode"');
    const rows1 = records(csv1);
    const videos = [...creator.videos].sort((a, b) => b.createTime - a.createTime);
    const profile1 = creatorStats(creator, stack.sandbox.url, firstAt);
    expect(rows1.map((row) => row.video_id)).toEqual(videos.map((video) => video.id));
    expect(rows1.map((row) => row.video_title)).toEqual(['Newest, with comma', TRICKY_TITLE, 'Oldest one']);
    for (const [i, video] of videos.entries()) {
      const stats = videoStats(video, firstAt);
      expect(rows1[i]).toMatchObject({
        date: day1,
        account_id: accountId,
        username: creator.username,
        previous_collected_at: '',
        followers: String(profile1.follower_count),
        followers_change: '',
        likes_total: String(profile1.likes_count),
        video_count: '3',
        video_url: video.shareUrl,
        views: String(stats.view_count),
        views_change: '',
        likes: String(stats.like_count),
        comments: String(stats.comment_count),
        shares: String(stats.share_count),
      });
    }
    // Cover URLs expire: they are nowhere in the file.
    expect(text1).not.toContain('/_sandbox/covers/');

    const manifest1 = JSON.parse((await readObject(store.storage, manifestKey(day1))).toString('utf8'));
    expect(manifest1).toMatchObject({ version: 1, workspace: slug, date: day1 });
    expect(manifest1.files).toEqual([
      {
        key: fileKey(day1),
        account_id: accountId,
        kind: 'creator',
        rows: 3,
        bytes: csv1.length,
        sha256: createHash('sha256').update(csv1).digest('hex'),
      },
    ]);

    // The next run happens 29 hours later, not at midnight: changes span the two readings.
    travelInTime(stack.sandbox, { days: 1, seconds: 5 * 3600 });
    const secondAt = stack.sandbox.ctx.clock.nowMs();
    const day2 = localDate(now(), 'UTC');
    const second = await runReportsNow(db, store.storage, team.workspaceId);
    expect(second.run.status).toBe('succeeded');
    const csv2 = await readObject(store.storage, fileKey(day2));
    const rows2 = records(csv2);
    const profile2 = creatorStats(creator, stack.sandbox.url, secondAt);
    expect(profile2.follower_count).toBeGreaterThan(profile1.follower_count);
    expect(profile2.likes_count).toBeGreaterThan(profile1.likes_count);
    for (const [i, video] of videos.entries()) {
      const before = videoStats(video, firstAt);
      const after = videoStats(video, secondAt);
      expect(rows2[i]).toMatchObject({
        date: day2,
        previous_collected_at: rows1[i]!.collected_at,
        followers: String(profile2.follower_count),
        followers_change: String(profile2.follower_count - profile1.follower_count),
        likes_total_change: String(profile2.likes_count - profile1.likes_count),
        views: String(after.view_count),
        views_change: String(after.view_count - before.view_count),
      });
      expect(Number(rows2[i]!.views_change)).toBeGreaterThan(0);
    }
    // Yesterday's file and manifest are untouched by today's run.
    expect(await readObject(store.storage, fileKey(day1))).toEqual(csv1);
    const manifest2 = JSON.parse((await readObject(store.storage, manifestKey(day2))).toString('utf8'));
    expect(manifest2.files[0].sha256).toBe(createHash('sha256').update(csv2).digest('hex'));
  });

  it('a rerun of the same day overwrites its snapshots instead of adding rows, and the manifest follows the file', async () => {
    const day = localDate(now(), 'UTC');
    await runReportsNow(db, store.storage, team.workspaceId);
    const count = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(videoDaySnapshots)
          .where(and(eq(videoDaySnapshots.accountId, accountId), eq(videoDaySnapshots.day, day)))
      )[0]!.n;
    expect(await count()).toBe(3);
    await runReportsNow(db, store.storage, team.workspaceId);
    expect(await count()).toBe(3);
    const snapshots = await db
      .select()
      .from(creatorDaySnapshots)
      .where(eq(creatorDaySnapshots.accountId, accountId));
    expect(snapshots.filter((row) => row.day === day)).toHaveLength(1);
    const files = await db.select().from(reportFiles).where(eq(reportFiles.accountId, accountId));
    expect(files.filter((file) => file.day === day)).toHaveLength(1);
    const csv = await readObject(store.storage, fileKey(day));
    expect(records(csv)).toHaveLength(3);
    const manifest = JSON.parse((await readObject(store.storage, manifestKey(day))).toString('utf8'));
    expect(manifest.files).toHaveLength(1);
    expect(manifest.files[0].sha256).toBe(createHash('sha256').update(csv).digest('hex'));
  });

  it('an interrupted collection resumes where it stopped: the profile is not fetched again and every page lands once', async () => {
    const big = stack.sandbox.ctx.users.create(
      { kind: 'creator', generatedVideos: { count: 45, spacingDays: 1 } },
      stack.sandbox.ctx.clock.nowMs(),
    );
    const other = await createWorkspaceWithMembers(db);
    const { id } = await connectTestAccount(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: other.workspaceId,
      userId: other.owner.id,
      sandboxUserId: big.id,
    });
    await stack.clearRequests();
    // The first video page fails once (after the profile was saved): the job's attempt ends there.
    await stack.addFault({
      endpoint: 'open-api.video.list',
      status: 400,
      errorCode: 'invalid_params',
      count: 1,
    });
    const { run, parts } = await runReportsNow(db, store.storage, other.workspaceId);
    await stack.clearFaults();
    expect(run.status).toBe('succeeded');
    expect(parts).toMatchObject([{ accountId: id, status: 'succeeded', rows: 45 }]);
    expect(await stack.requestCount('open-api.user.info')).toBe(1);
    // One refused page, then three pages of 20, 20 and 5.
    expect(await stack.requestCount('open-api.video.list')).toBe(4);
    const [part] = await db.select().from(reportRunAccounts).where(eq(reportRunAccounts.accountId, id));
    expect(part?.progress).toMatchObject({ profileDone: true, cursor: null, videos: 45 });
  });
});

describe('report downloads', () => {
  let testDb: TestDb;
  let store: TestStorage;
  beforeAll(async () => {
    testDb = await createTestDb('pglite');
    store = await createTestStorage('local');
  });
  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  it('streams the stored file for a day, one header for a range, and refuses other workspaces and agents', {
    timeout: 120_000,
  }, async () => {
    const db = testDb.db;
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const stranger = await createWorkspaceWithMembers(db);
    const { id: accountId } = await connectTestAccount(db, stack.sandbox, {
      kind: 'creator',
      workspaceId: team.workspaceId,
      userId: team.owner.id,
    });
    const day1 = localDate(now(), 'UTC');
    await runReportsNow(db, store.storage, team.workspaceId);
    travelInTime(stack.sandbox, { days: 1 });
    const day2 = localDate(now(), 'UTC');
    await runReportsNow(db, store.storage, team.workspaceId);
    const files = await db.select().from(reportFiles).where(eq(reportFiles.accountId, accountId));
    const stored = async (day: string) =>
      readObject(store.storage, files.find((file) => file.day === day)!.key);
    const download = async (options: { userId: string; workspaceId?: string; from: string; to: string }) => {
      const response = await streamReportCsv(db, store.storage, {
        workspaceId: options.workspaceId ?? team.workspaceId,
        accountId,
        ...options,
      });
      return Buffer.from(await response.arrayBuffer());
    };
    expect((await download({ userId: team.owner.id, from: day2, to: day2 })).equals(await stored(day2))).toBe(
      true,
    );
    const range = (await download({ userId: team.owner.id, from: day1, to: day2 })).toString('utf8');
    const [first, second] = [(await stored(day1)).toString('utf8'), (await stored(day2)).toString('utf8')];
    expect(range).toBe(first + second.slice(second.indexOf('\r\n') + 2));
    expect(range.match(/^date,account_id/gm)).toHaveLength(1);
    await expect(download({ userId: team.agents[0]!.id, from: day1, to: day2 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      download({ userId: stranger.owner.id, workspaceId: stranger.workspaceId, from: day1, to: day2 }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(download({ userId: team.owner.id, from: day2, to: day1 })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});
