import 'server-only';
import { and, eq } from 'drizzle-orm';
import { reportRunAccounts, reportRuns } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now } from '@/lib/time/clock';
import { readReportSettings } from './report-settings';
import { writeDayManifest } from './write-day-manifest';

/**
 * Once every account of the run has finished: writes the manifest of each day the run wrote files
 * for (after the files, so a manifest always describes a complete day), then closes the run as
 * succeeded, partial or failed. Safe to call from every account's job at once: manifests are
 * rebuilt from the same rows, and only one caller closes the run.
 */
export async function finishReportRunIfDone(db: Db, storage: ObjectStorage, runId: string) {
  const parts = await db
    .select({ status: reportRunAccounts.status, progress: reportRunAccounts.progress })
    .from(reportRunAccounts)
    .where(eq(reportRunAccounts.runId, runId));
  if (parts.some((part) => part.status !== 'succeeded' && part.status !== 'failed')) return false;
  const [run] = await db.select().from(reportRuns).where(eq(reportRuns.id, runId));
  if (run?.status !== 'running') return false;
  const settings = await readReportSettings(db, run.workspaceId);
  const days = new Set<string>();
  for (const part of parts) {
    const written = part.progress?.days;
    if (part.status === 'succeeded' && Array.isArray(written))
      for (const day of written) days.add(String(day));
  }
  for (const day of [...days].sort()) {
    await writeDayManifest(db, storage, {
      workspaceId: run.workspaceId,
      slug: settings.slug,
      keyTemplate: settings.keyTemplate,
      day,
    });
  }
  const failed = parts.filter((part) => part.status === 'failed').length;
  const status = failed === 0 ? 'succeeded' : failed === parts.length ? 'failed' : 'partial';
  return db.transaction(async (tx) => {
    const [closed] = await tx
      .update(reportRuns)
      .set({ status, finishedAt: now() })
      .where(and(eq(reportRuns.id, runId), eq(reportRuns.status, 'running')))
      .returning({ id: reportRuns.id });
    if (!closed) return false;
    await publishLiveEvent(tx, {
      workspaceId: run.workspaceId,
      type: 'report.progress',
      data: { runId, accountId: null, status, done: parts.length, total: parts.length },
    });
    return true;
  });
}
