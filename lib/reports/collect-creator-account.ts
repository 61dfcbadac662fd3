import 'server-only';
import { sql } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { creatorDaySnapshots, videoDaySnapshots } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { listVideos } from '@/lib/tiktok/display/list-videos';
import { type CollectOptions, type CollectResult, yieldIfSliceEnded } from './collect-options';

type CreatorProgress = { profileDone?: boolean; cursor?: number | null; videos?: number };

/**
 * A creator's day: `user/info` totals, then every video through `video/list` (20 a page), each
 * page upserted as cumulative snapshots for (account, day[, video]) and the cursor saved, so a
 * crashed collection resumes at the page it stopped on and a rerun overwrites instead of adding.
 * Cover URLs are signed and expire within hours: they are never stored.
 */
export async function collectCreatorAccount(db: Db, options: CollectOptions): Promise<CollectResult> {
  const { workspaceId, accountId, day, collectedAt, signal } = options;
  const progress = { ...(options.progress as CreatorProgress) };
  const which = { workspaceId, accountId, kinds: ['creator'] as const };
  if (!progress.profileDone) {
    const profile = await withAccountToken(db, which, (accessToken, account) =>
      getUserInfo({ accessToken, scopes: account.scopes, signal }),
    );
    const values = {
      accountId,
      day,
      collectedAt,
      followers: profile.followerCount,
      following: profile.followingCount,
      likes: profile.likesCount,
      videos: profile.videoCount,
    };
    await db
      .insert(creatorDaySnapshots)
      .values(values)
      .onConflictDoUpdate({ target: [creatorDaySnapshots.accountId, creatorDaySnapshots.day], set: values });
    progress.profileDone = true;
    progress.videos = 0;
    await options.saveProgress(progress);
  }
  while (progress.cursor !== null) {
    signal?.throwIfAborted();
    const page = await withAccountToken(db, which, (accessToken) =>
      listVideos({ accessToken, cursor: progress.cursor ?? undefined, maxCount: 20, signal }),
    );
    if (page.videos.length > 0) {
      const rows = page.videos.map((video) => ({
        accountId,
        videoId: video.id,
        day,
        collectedAt,
        title: video.title ?? video.description,
        shareUrl: video.shareUrl,
        postedAt: video.createdAt,
        durationSec: video.durationSec,
        views: video.viewCount,
        likes: video.likeCount,
        comments: video.commentCount,
        shares: video.shareCount,
      }));
      await db
        .insert(videoDaySnapshots)
        .values(rows)
        .onConflictDoUpdate({
          target: [videoDaySnapshots.accountId, videoDaySnapshots.videoId, videoDaySnapshots.day],
          set: {
            collectedAt: sql`excluded.collected_at`,
            title: sql`excluded.title`,
            shareUrl: sql`excluded.share_url`,
            postedAt: sql`excluded.posted_at`,
            durationSec: sql`excluded.duration_sec`,
            views: sql`excluded.views`,
            likes: sql`excluded.likes`,
            comments: sql`excluded.comments`,
            shares: sql`excluded.shares`,
          },
        });
    }
    progress.videos = (progress.videos ?? 0) + page.videos.length;
    // A page without a cursor cannot be followed: stop rather than loop on the first page.
    progress.cursor = page.hasMore && page.cursor !== null ? page.cursor : null;
    await options.saveProgress(progress);
    // Only after a saved page: every attempt gets somewhere.
    if (progress.cursor !== null) yieldIfSliceEnded(options);
  }
  return { days: [day] };
}
