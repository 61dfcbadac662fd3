import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Job, jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { defineJob, handleJob, type JobContext, type JobType } from '@/lib/jobs/define-job';
import { createJobRegistry, type JobRegistry } from '@/lib/jobs/job-registry';

export const testSchema = z.object({ n: z.number() }).loose();

export type TestHandler = (payload: { n: number }, ctx: JobContext) => Promise<unknown>;

/** A registry of test job types sharing the real machinery; options per type (timeouts, limits…). */
export function testRegistry(
  handlers: Record<string, TestHandler>,
  options: Record<string, Partial<Omit<JobType, 'type' | 'schema' | 'schedule' | 'concurrencyKey'>>> = {},
): JobRegistry {
  return createJobRegistry(
    Object.entries(handlers).map(([type, handle]) =>
      handleJob(
        defineJob({ type, schema: testSchema, backoff: { baseMs: 1000, maxMs: 4000 }, ...options[type] }),
        handle,
      ),
    ),
  );
}

export async function insertJob(
  db: Db,
  type: string,
  values: Partial<typeof jobs.$inferInsert> = {},
): Promise<Job> {
  const [row] = await db
    .insert(jobs)
    .values({ type, payload: { n: 1 }, maxAttempts: 3, ...values })
    .returning();
  return row!;
}

export async function getJob(db: Db, id: string): Promise<Job> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

/** Makes a job waiting for its retry or snooze due now, instead of sleeping through it. */
export async function makeDue(db: Db, id?: string) {
  await db
    .update(jobs)
    .set({ runAt: sql`now()` })
    .where(id ? eq(jobs.id, id) : sql`${jobs.status} in ('pending', 'failed')`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
