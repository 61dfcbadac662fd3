import 'server-only';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { withAccountToken } from '@/lib/accounts/with-account-token';
import { videoDaySnapshots } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { queryVideos } from '@/lib/tiktok/display/query-videos';

export type TopVideo = {
  videoId: string;
  title: string | null;
  shareUrl: string | null;
  views: number | null;
  likes: number | null;
  /** A fresh, short-lived cover link, fetched for this page view only (never stored). */
  coverUrl: string | null;
};

/**
 * A creator's most viewed videos on the last collected day up to `to`. Covers are asked of TikTok
 * now (`video/query`), because the links stored ones would have expired; without an answer the
 * list shows without pictures.
 */
export async function listTopVideos(
  db: Db,
  {
    workspaceId,
    accountId,
    to,
    limit = 5,
  }: { workspaceId: string; accountId: string; to: string; limit?: number },
): Promise<TopVideo[]> {
  const [latest] = await db
    .select({ day: sql<string | null>`max(${videoDaySnapshots.day})` })
    .from(videoDaySnapshots)
    .where(and(eq(videoDaySnapshots.accountId, accountId), lte(videoDaySnapshots.day, to)));
  if (!latest?.day) return [];
  const rows = await db
    .select()
    .from(videoDaySnapshots)
    .where(and(eq(videoDaySnapshots.accountId, accountId), eq(videoDaySnapshots.day, latest.day)))
    .orderBy(sql`${videoDaySnapshots.views} desc nulls last`, desc(videoDaySnapshots.videoId))
    .limit(limit);
  let covers = new Map<string, string | null>();
  if (rows.length > 0) {
    try {
      const fresh = await withAccountToken(
        db,
        { workspaceId, accountId, kinds: ['creator'] },
        (accessToken) =>
          queryVideos({
            accessToken,
            videoIds: rows.map((row) => row.videoId),
            fields: ['id', 'cover_image_url'],
          }),
      );
      covers = new Map(fresh.map((video) => [video.id, video.coverImageUrl]));
    } catch {
      // Pictures are a nicety: rate limits, a lost grant or an outage leave the list without them.
    }
  }
  return rows.map((row) => ({
    videoId: row.videoId,
    title: row.title,
    shareUrl: row.shareUrl,
    views: row.views,
    likes: row.likes,
    coverUrl: covers.get(row.videoId) ?? null,
  }));
}
