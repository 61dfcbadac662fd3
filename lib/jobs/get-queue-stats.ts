import 'server-only';
import { requireMembership } from '@/lib/access/require-membership';
import type { Db } from '@/lib/db/types';
import { countQueue, type QueueStats } from './count-queue';
import { jobVisibleTo } from './job-visible-to';

export type { QueueStats } from './count-queue';

export type GetQueueStatsOptions = { workspaceId: string; userId: string };

/**
 * The workspace's share of the queue: its own jobs and its accounts'. The installation's health
 * (every tenant's backlog) is the operator's view. Owners and admins only.
 */
export async function getQueueStats(
  db: Db,
  { workspaceId, userId }: GetQueueStatsOptions,
): Promise<QueueStats> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  return countQueue(db, jobVisibleTo(workspaceId));
}
