import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { type Post, type PostTarget, posts, postTargets, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type PostTargetView = Pick<
  PostTarget,
  | 'id'
  | 'accountId'
  | 'stage'
  | 'uploadedBytes'
  | 'videoSize'
  | 'failReason'
  | 'failMessage'
  | 'postIds'
  | 'finishedAt'
  | 'creatorUsername'
> & { username: string | null; displayName: string | null };

export type PostView = Pick<
  Post,
  'id' | 'kind' | 'mode' | 'source' | 'caption' | 'status' | 'scheduledAt' | 'createdAt'
> & {
  targets: PostTargetView[];
};

export const POST_FILTERS = ['all', 'scheduled', 'in_progress', 'published', 'failed'] as const;
export type PostFilter = (typeof POST_FILTERS)[number];

const FILTER_STAGES: Record<PostFilter, readonly PostTarget['stage'][] | null> = {
  all: null,
  scheduled: ['scheduled'],
  in_progress: ['queued', 'uploading', 'init_unknown', 'processing'],
  published: ['published', 'inbox'],
  failed: ['failed', 'unconfirmed', 'cancelled'],
};

const postTime = sql<Date>`coalesce(${posts.scheduledAt}, ${posts.createdAt})`;

/** The workspace's posts, newest first, each with every account's stage. */
export async function listPosts(
  db: Db,
  options: {
    workspaceId: string;
    userId: string;
    filter?: PostFilter;
    limit?: number;
    /** Only posts whose time (scheduled, else created) falls in [from, to): the calendar. */
    between?: { from: Date; to: Date };
  },
): Promise<PostView[]> {
  await requireMembership(db, {
    workspaceId: options.workspaceId,
    userId: options.userId,
    roles: ['owner', 'admin'],
  });
  const stages = FILTER_STAGES[options.filter ?? 'all'];
  const rows = await db
    .select({
      post: posts,
      target: postTargets,
      username: tiktokAccounts.username,
      displayName: tiktokAccounts.displayName,
    })
    .from(posts)
    .innerJoin(postTargets, eq(postTargets.postId, posts.id))
    .innerJoin(tiktokAccounts, eq(tiktokAccounts.id, postTargets.accountId))
    .where(
      and(
        eq(posts.workspaceId, options.workspaceId),
        stages ? inArray(postTargets.stage, [...stages]) : undefined,
        options.between ? sql`${postTime} >= ${options.between.from.toISOString()}::timestamptz` : undefined,
        options.between ? sql`${postTime} < ${options.between.to.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(desc(posts.createdAt), postTargets.createdAt)
    .limit((options.limit ?? 100) * 4);
  const byId = new Map<string, PostView>();
  for (const { post, target, username, displayName } of rows) {
    let view = byId.get(post.id);
    if (!view) {
      view = {
        id: post.id,
        kind: post.kind,
        mode: post.mode,
        source: post.source,
        caption: post.caption,
        status: post.status,
        scheduledAt: post.scheduledAt,
        createdAt: post.createdAt,
        targets: [],
      };
      byId.set(post.id, view);
    }
    view.targets.push({
      id: target.id,
      accountId: target.accountId,
      stage: target.stage,
      uploadedBytes: target.uploadedBytes,
      videoSize: target.videoSize,
      failReason: target.failReason,
      failMessage: target.failMessage,
      postIds: target.postIds,
      finishedAt: target.finishedAt,
      creatorUsername: target.creatorUsername,
      username,
      displayName,
    });
  }
  return [...byId.values()].slice(0, options.limit ?? 100);
}
