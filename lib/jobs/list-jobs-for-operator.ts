import 'server-only';
import { inArray } from 'drizzle-orm';
import { type JobStatus, jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireOperator } from '@/lib/operators/require-operator';
import { type ProblemJobView, selectJobViews } from './list-problem-jobs';

export type ListJobsForOperatorOptions = {
  userId: string;
  statuses?: readonly JobStatus[];
  limit?: number;
};

/** Jobs of every workspace and of the installation, failed and dead by default. Operators only (404). */
export async function listJobsForOperator(
  db: Db,
  { userId, statuses = ['failed', 'dead'], limit = 100 }: ListJobsForOperatorOptions,
): Promise<ProblemJobView[]> {
  await requireOperator(db, userId);
  return selectJobViews(db, inArray(jobs.status, [...statuses]), limit);
}
