import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { reportFiles, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now } from '@/lib/time/clock';
import { buildManifestKey } from './report-key';

export type ReportManifest = {
  version: 1;
  workspace: string;
  date: string;
  generated_at: string;
  files: { key: string; account_id: string; kind: string; rows: number; bytes: number; sha256: string }[];
};

/**
 * The day's `_manifest.json`, written after every file of the day: each file with its row count,
 * byte size and SHA-256. A pipeline that sees the manifest knows the day is complete, and can check
 * each file against it.
 */
export async function writeDayManifest(
  db: Db,
  storage: ObjectStorage,
  {
    workspaceId,
    slug,
    keyTemplate,
    day,
  }: { workspaceId: string; slug: string; keyTemplate: string | null; day: string },
): Promise<{ key: string; manifest: ReportManifest }> {
  const files = await db
    .select({
      key: reportFiles.key,
      accountId: reportFiles.accountId,
      kind: tiktokAccounts.kind,
      rows: reportFiles.rows,
      bytes: reportFiles.bytes,
      sha256: reportFiles.sha256,
    })
    .from(reportFiles)
    .innerJoin(tiktokAccounts, eq(tiktokAccounts.id, reportFiles.accountId))
    .where(and(eq(reportFiles.workspaceId, workspaceId), eq(reportFiles.day, day)))
    .orderBy(asc(reportFiles.key));
  const manifest: ReportManifest = {
    version: 1,
    workspace: slug,
    date: day,
    generated_at: now().toISOString(),
    files: files.map((file) => ({
      key: file.key,
      account_id: file.accountId,
      kind: file.kind,
      rows: file.rows,
      bytes: file.bytes,
      sha256: file.sha256,
    })),
  };
  const key = buildManifestKey(keyTemplate, { slug, date: day });
  await storage.put(key, `${JSON.stringify(manifest, null, 2)}\n`, { contentType: 'application/json' });
  return { key, manifest };
}
